import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { writeFileSync } from 'node:fs'
import sharp from 'sharp'
import type { Page } from '@playwright/test'
import { loadContent } from '../../content/load'
import { addPatient, step, tabTo } from './consult-helpers'
import { expect, PIN, PRACTITIONER, test, unlock } from './fixtures'

const content = loadContent(resolve(__dirname, '../../content'))

/** Opens the consult's review step for a new patient, with photos planned when asked. */
async function reviewStep(page: Page, name: string, { photos = false, addOn = '' } = {}): Promise<void> {
  await addPatient(page, name)
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Plan/).click()
  if (photos) await page.getByLabel(/Photos will be taken/).check()
  if (addOn) await page.getByLabel(addOn).check()
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
  await step(page, /^Review/).click()
}

const consentSection = (page: Page) => page.getByRole('region', { name: 'Consent' })

/** Draws a wavy line across the signature pad with the mouse. */
async function drawWithMouse(page: Page): Promise<void> {
  const pad = page.getByLabel(/Signature pad/)
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 40, box.y + 120)
  await page.mouse.down()
  for (let i = 1; i <= 20; i++)
    await page.mouse.move(box.x + 40 + i * 15, box.y + 120 + Math.sin(i / 2) * 40, { steps: 2 })
  await page.mouse.up()
}

/** Draws on the pad with touch events, as a finger on a touch screen does. */
async function drawWithTouch(page: Page): Promise<void> {
  const pad = page.getByLabel(/Signature pad/)
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  const cdp = await page.context().newCDPSession(page)
  const at = (i: number) => [{ x: box.x + 50 + i * 14, y: box.y + 110 + Math.cos(i / 2) * 35 }]
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) })
  for (let i = 1; i <= 20; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i) })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
}

async function countersign(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: /^Thank you/ })).toBeVisible()
  await page.getByLabel('Countersigning practitioner').selectOption({ label: PRACTITIONER })
  await page.getByRole('textbox', { name: 'PIN' }).fill(PIN)
  await page.getByRole('button', { name: 'Countersign' }).click()
}

/** Prints the page to PDF as print does; its text, and how many pen-blue pixels its first page has. */
async function pdfOf(page: Page, path: string): Promise<{ text: string; inkPixels: number }> {
  await page.emulateMedia({ media: 'print' })
  writeFileSync(path, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }))
  await page.emulateMedia({ media: 'screen' })
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  execFileSync('pdftoppm', ['-png', '-r', '60', path, `${path}-page`])
  let inkPixels = 0
  for (const page of [1, 2, 3]) {
    const file = `${path}-page-${page}.png`
    const image = await sharp(file)
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch(() => null)
    if (!image) continue
    const { data, info } = image
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!]
      if (b > 80 && b - r > 50 && b - g > 40) inkPixels++ // the pad's navy ink; the page has no other blue
    }
  }
  return { text, inkPixels }
}

test('a patient signs on the pad with the mouse, the practitioner countersigns, and the record prints with the signature', async ({
  page,
  app
}, testInfo) => {
  await reviewStep(page, 'Ada Lovelace')
  await expect(consentSection(page).getByText('Consent to microneedling')).toBeVisible()
  await expect(consentSection(page).getByText('Consent missing')).toBeVisible()
  await consentSection(page).screenshot({ path: testInfo.outputPath('review-consent.png') })
  await consentSection(page).getByRole('button', { name: 'Sign consent with the patient' }).click()

  // Patient-facing: the form alone, nothing else of the app.
  await expect(page.getByRole('heading', { name: 'Consent to microneedling', level: 1 })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await page.getByRole('button', { name: 'Sign this form' }).click()
  // Each message is tied to its control, so a screen reader reads it with the control.
  await expect(page.getByLabel('Your full name')).toHaveAccessibleDescription('Type your full name.')
  await expect(page.getByLabel(/^Signature pad/)).toHaveAccessibleDescription(/^Sign on the pad, or choose/)

  await drawWithMouse(page)
  await page.getByRole('button', { name: 'Clear the signature' }).click()
  await drawWithMouse(page)
  await page.getByLabel('Your full name').fill('Ada Lovelace')
  await page.screenshot({ path: testInfo.outputPath('consent-form.png'), fullPage: true })
  await page.getByRole('button', { name: 'Sign this form' }).click()
  await expect(page.getByRole('img', { name: 'Your signature' })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('hand-back.png') })
  await page.getByRole('textbox', { name: 'PIN' }).fill('0000')
  await page.getByRole('button', { name: 'Countersign' }).click()
  await expect(page.getByRole('textbox', { name: 'PIN' })).toHaveAccessibleDescription('That PIN is not right.')
  await countersign(page)

  // Back in the consult: the consent is on file, and opens as a record.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(consentSection(page).getByText(/^Signed /)).toBeVisible()
  await expect(consentSection(page).getByText('Consent missing')).toBeHidden()
  await consentSection(page).getByRole('link', { name: 'Open Consent to microneedling' }).click()
  await expect(page.getByText('Signature check passed')).toBeVisible()
  const sheet = page.getByRole('article', { name: 'Signed consent' })
  await expect(sheet.getByRole('img', { name: 'Signature of Ada Lovelace' })).toBeVisible()
  await expect(sheet).toContainText(`Countersigned by ${PRACTITIONER}`)
  await page.screenshot({ path: testInfo.outputPath('consent-record.png'), fullPage: true })

  const { text, inkPixels } = await pdfOf(page, testInfo.outputPath('consent.pdf'))
  const signedOn = await page.evaluate(() =>
    new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date())
  )
  for (const expected of [
    'Consent to microneedling',
    'We will use a pen with very fine needles',
    'Lines of small scars',
    'Patient: Ada Lovelace',
    signedOn,
    `Countersigned by ${PRACTITIONER}`
  ]) {
    expect(text).toContain(expected)
  }
  expect(text).not.toContain('Withdraw consent') // the screen's controls stay off paper
  expect(inkPixels).toBeGreaterThan(100)

  page.once('dialog', (dialog) => void dialog.dismiss())
  await page.evaluate(() => (window.print = () => {}))
  await page.getByRole('button', { name: 'Print' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Print dialog opened' })).toBeVisible()
  const audit = await app.call<{ action: string }[]>('audit.list', { limit: 10 })
  expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['signed-consent', 'printed-consent']))

  // The patient's page lists it; withdrawing appends a dated entry.
  await page.getByLabel('How and why the patient withdrew').fill('Phoned to say she has changed her mind.')
  await page.getByRole('textbox', { name: 'PIN' }).fill(PIN)
  await page.getByRole('button', { name: 'Withdraw consent' }).click()
  await expect(page.getByRole('heading', { name: 'Consent withdrawn' })).toBeVisible()
  await expect(sheet).toContainText('Phoned to say she has changed her mind.')
  await page.getByRole('link', { name: 'Back to the consult' }).click()
  await expect(consentSection(page).getByText('Consent missing')).toBeVisible()
})

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true })

  test('a patient signs with a finger on a portrait tablet, turns it, and answers each photo choice', async ({
    page
  }, testInfo) => {
    await page.setViewportSize({ width: 768, height: 1024 })
    await reviewStep(page, 'Mary Somerville', { photos: true })
    await consentSection(page).getByRole('button', { name: 'Sign consent with the patient' }).click()
    await drawWithTouch(page)
    await page.screenshot({ path: testInfo.outputPath('tablet.png') })
    await page.setViewportSize({ width: 1024, height: 768 }) // turned on its side: the signature stays
    await page.getByLabel('Your full name').fill('Mary Somerville')
    await page.getByRole('button', { name: 'Sign this form' }).click()
    await countersign(page)

    await expect(page.getByRole('heading', { name: 'Consent to photos', level: 1 })).toBeVisible()
    await expect(page.getByText('Consent form 2 of 2')).toBeVisible()
    await page.getByLabel('Your full name').fill('Mary Somerville')
    await drawWithTouch(page)
    await page.getByRole('button', { name: 'Sign this form' }).click()
    await expect(page.getByText('Choose yes or no.')).toHaveCount(3)
    for (const question of [/clinical record/, /teach other clinicians/, /adverts/])
      await expect(page.getByRole('group', { name: question })).toHaveAccessibleDescription('Choose yes or no.')
    await page
      .getByRole('group', { name: /clinical record/ })
      .getByLabel('Yes')
      .check()
    await page
      .getByRole('group', { name: /teach other clinicians/ })
      .getByLabel('No')
      .check()
    await page
      .getByRole('group', { name: /adverts/ })
      .getByLabel('No')
      .check()
    await page.getByRole('button', { name: 'Sign this form' }).click()
    await countersign(page)

    await expect(consentSection(page).getByText(/^Signed /)).toHaveCount(2)
    await consentSection(page).getByRole('link', { name: 'Open Consent to photos' }).click()
    const sheet = page.getByRole('article', { name: 'Signed consent' })
    await expect(sheet.getByRole('img', { name: 'Signature of Mary Somerville' })).toBeVisible()
    await expect(sheet.getByRole('listitem').filter({ hasText: 'clinical record' })).toContainText('Yes')
    await expect(sheet.getByRole('listitem').filter({ hasText: 'adverts' })).toContainText('No')
  })
})

test('a patient who cannot use the pad signs with the keyboard alone: typed name and “I agree”', async ({ page }) => {
  await reviewStep(page, 'Alan Turing', { addOn: 'PRP (platelet-rich plasma)' })
  await tabTo(page, consentSection(page).getByRole('button', { name: 'Sign consent with the patient' }))
  await page.keyboard.press('Enter')
  for (const title of ['Consent to microneedling', 'Consent to PRP (your own blood plasma)']) {
    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible()
    await tabTo(page, page.getByRole('button', { name: /I can’t use the pad/ }))
    await page.keyboard.press('Enter')
    await tabTo(page, page.getByLabel('Your full name'))
    await page.keyboard.type('Alan Turing')
    await tabTo(page, page.getByRole('button', { name: 'Sign this form' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('checkbox', { name: /I agree/ })).toHaveAccessibleDescription(/^Tick “I agree”/)
    await tabTo(page, page.getByRole('checkbox', { name: /I agree/ }))
    await page.keyboard.press('Space')
    await tabTo(page, page.getByRole('button', { name: 'Sign this form' }))
    await page.keyboard.press('Enter')
    await tabTo(page, page.getByRole('textbox', { name: 'PIN' }))
    await page.keyboard.type(PIN)
    await page.keyboard.press('Enter')
  }
  await expect(consentSection(page).getByText(/^Signed /)).toHaveCount(2)
  await consentSection(page).getByRole('link', { name: 'Open Consent to PRP (your own blood plasma)' }).click()
  const sheet = page.getByRole('article', { name: 'Signed consent' })
  await expect(sheet).toContainText('Signed with the typed name below and an explicit “I agree”.')
  await expect(sheet).toContainText('Patient: Alan Turing')
  await expect(sheet.getByRole('img')).toHaveCount(0)
})

test('a consent changed behind the app’s back shows a warning; Past consults finds consults missing consent; leaving early needs a PIN', async ({
  page,
  app
}) => {
  const patient = await app.call<{ id: string }>('patients.create', { fullName: 'Grace Brewster' })
  const signed = await app.call<{ id: string }>('consults.create', { patientId: patient.id })
  const unsigned = await app.call<{ id: string }>('consults.create', { patientId: patient.id })
  const practitioners = await app.call<{ id: string }[]>('practitioners.list')
  const form = content.consent.find((f) => f.id === 'treatment')!
  const record = await app.call<{ consent: { id: string } }>('consents.sign', {
    consultId: signed.id,
    formId: 'treatment',
    formVersion: form.version,
    textSha256: createHash('sha256').update(form.text).digest('hex'),
    choices: {},
    patientName: 'Grace Brewster',
    signature: null,
    agreed: true,
    practitionerId: practitioners[0]!.id,
    pin: PIN
  })

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Past consults' }).click()
  await page.getByLabel('Consent missing').check()
  const found = page.getByRole('list', { name: 'Consults found' }).getByRole('link')
  await expect(found).toHaveCount(1)
  await expect(found).toHaveAttribute('href', new RegExp(unsigned.id))

  const raw = new Database(join(app.dataDir, 'consults.sqlite'))
  raw.exec('DROP TRIGGER consents_are_read_only')
  raw
    .prepare(
      "UPDATE consents SET text = replace(text, 'We cannot promise a result.', 'Results are guaranteed.') WHERE id = ?"
    )
    .run(record.consent.id)
  raw.close()

  // Leaving the patient-facing screen before signing needs a practitioner's PIN.
  await found.click()
  await step(page, /^Review/).click()
  await consentSection(page).getByRole('button', { name: 'Sign consent with the patient' }).click()
  await page.getByRole('button', { name: 'Leave the consent screen' }).click()
  const leave = page.getByRole('dialog', { name: 'Leave the consent screen?' })
  await leave.getByLabel('PIN').fill('0000')
  await leave.getByRole('button', { name: 'Leave' }).click()
  await expect(leave.getByText('That PIN is not right.')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await leave.getByLabel('PIN').fill(PIN)
  await leave.getByRole('button', { name: 'Leave' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(consentSection(page).getByText('Consent missing')).toBeVisible()

  await page.goto(`${app.url}#/consent/${record.consent.id}`)
  await unlock(page) // a new load starts locked
  await expect(page.getByRole('alert')).toContainText('Signature check failed.')
  await expect(page.getByText('Signature check passed')).toBeHidden()
  await page.getByRole('link', { name: 'Back to the consult' }).click()
  await step(page, /^Review/).click()
  await expect(consentSection(page).getByText(/check failed/)).toBeVisible()
})
