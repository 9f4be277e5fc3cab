import { execFileSync } from 'node:child_process'
import type { Page } from '@playwright/test'
import { addPatient, onFigure, saved, signWithPin, step } from './consult-helpers'
import { expect, test, unlock } from './fixtures'
import { pdfOf } from './pdf'

async function fillSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Clinic name').fill('Harbour Skin Clinic')
  await page.getByLabel('Address').fill('12 Quay Street\nBristol BS1 4DJ')
  await page.getByLabel('Phone').fill('+44 117 496 0000')
  await page.getByLabel('No make-up after a session (hours)').fill('12')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')
}

test('settings refuse bad values with a message next to the field', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Clinic name').fill('')
  await page.getByLabel('Phone').fill('call us')
  await page.getByLabel('No swimming pools after a session (hours)').fill('-4')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Not saved: please correct the fields marked below.')
  await expect(page.getByText('Enter the clinic’s name.')).toBeVisible()
  await expect(page.getByText(/A phone number may hold digits/)).toBeVisible()
  await expect(page.getByText(/cannot be negative/)).toBeVisible()
  await page.reload()
  await unlock(page)
  await expect(page.getByLabel('Clinic name')).toHaveValue('Test Clinic') // what first-run setup stored
})

test('a consult’s handout holds the patient, areas and plan, fits two pages, and its printing is recorded', async ({
  page
}, testInfo) => {
  await fillSettings(page)
  await addPatient(page, 'Ada Lovelace')
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Areas/).click()
  await onFigure(page, 'Face').click()
  await page.getByRole('region', { name: 'Face' }).getByRole('button', { name: 'Acne scars' }).click()
  await page.getByRole('region', { name: 'Face' }).getByLabel('Moderate').check()
  await onFigure(page, 'Neck').click()
  await page.getByRole('region', { name: 'Neck' }).getByRole('button', { name: 'Fine lines and wrinkles' }).click()
  await step(page, /^Plan/).click()
  await page.getByRole('button', { name: /^Fill in:/ }).click()
  await page.getByLabel('Price quote').fill('3 sessions, 750 in total')
  await saved(page)

  await page.getByRole('link', { name: 'Handout' }).click()
  const sheet = page.getByRole('article', { name: 'Handout' })
  await expect(sheet.getByText('Harbour Skin Clinic').first()).toBeVisible()
  await expect(sheet.getByText('Leave make-up off the area for 12 hours.')).toBeVisible()

  const { pages, pageTexts } = await pdfOf(page, testInfo.outputPath('handout.pdf'))
  expect(pages).toBeGreaterThanOrEqual(1)
  expect(pages).toBeLessThanOrEqual(2)
  // Read in reading order, column by column: the safety box sits beside the aftercare.
  const flat = pageTexts.join(' ')
  for (const expected of [
    'Your microneedling plan',
    'For: Ada Lovelace',
    'Practitioner: Dr Grace Hopper',
    'Harbour Skin Clinic',
    '+44 117 496 0000',
    'Face',
    'marks left by past acne — moderate',
    'Neck',
    'fine lines and small wrinkles',
    '4 sessions, about 4 weeks apart',
    '3 sessions, 750 in total',
    'Call us if',
    'call Harbour Skin Clinic on +44 117 496 0000',
    'Sources:',
    'Page 1 of'
  ]) {
    expect(flat).toContain(expected)
  }
  expect(flat).not.toContain('Patient guide') // no app navigation on paper
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    testInfo.outputPath('handout.pdf'),
    testInfo.outputPath('handout-page')
  ])

  page.once('dialog', (dialog) => void dialog.dismiss())
  await page.evaluate(() => (window.print = () => {})) // the browser's dialog would block the test
  await page.getByRole('button', { name: 'Print' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Print dialog opened' })).toBeVisible()
  await page.getByRole('link', { name: 'Back' }).click()
  await step(page, /^Review/).click()
  await page.getByRole('button', { name: 'Sign consult' }).click()
  await signWithPin(page)
  await expect(page.getByRole('region', { name: 'Handouts given' })).toContainText('printed (A4)')
})

test('a general handout for walk-ins has no patient, and says what is missing from the settings', async ({
  page
}, testInfo) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patient guide' }).click()
  await page.getByRole('link', { name: 'Handout for walk-ins' }).click()
  await expect(page.getByText(/Printing is off until the clinic’s phone number is set/)).toBeVisible()
  await fillSettings(page)
  await page.goto(page.url().replace(/#.*$/, '#/handout/general'))
  await expect(page.getByRole('heading', { name: 'Microneedling: what to know' })).toBeVisible()
  await page.getByLabel('Paper').selectOption('Letter')
  const { text, pages } = await pdfOf(page, testInfo.outputPath('general.pdf'))
  expect(pages).toBeLessThanOrEqual(2)
  const flat = text.replace(/\s+/g, ' ')
  expect(flat).toContain('Microneedling: what to know')
  expect(flat).toContain('Aftercare')
  expect(flat).not.toContain('For:')
})

test('a young patient with skin type V: the consult flags age and dark-mark risk, the plan spaces sessions, the handout follows', async ({
  page
}, testInfo) => {
  await fillSettings(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  await page.getByLabel('Find or add a patient').fill('Mary Seacole')
  await page.getByLabel('Find or add a patient').press('Enter')
  const born = new Date()
  born.setFullYear(born.getFullYear() - 20)
  await page.getByLabel('Date of birth').fill(born.toISOString().slice(0, 10))
  await page.getByLabel('Skin type (Fitzpatrick)').selectOption('5')
  await page.getByRole('button', { name: 'Save patient' }).click()
  await page.getByRole('button', { name: 'New consult' }).click()

  await step(page, /^Areas/).click()
  await page.getByRole('button', { name: 'Face', exact: true }).click()
  await page.getByRole('region', { name: 'Face' }).getByRole('button', { name: 'Acne scars' }).click()
  await step(page, /^Screening/).click()
  await expect(page.getByText('Under 22.', { exact: true })).toBeVisible()
  await expect(page.getByText('Higher risk of dark marks (PIH).', { exact: true })).toBeVisible()
  await page
    .getByRole('group', { name: /get cold sores/ })
    .getByLabel('Yes')
    .check()
  await page
    .getByRole('group', { name: /Are you pregnant/ })
    .getByLabel('Yes')
    .check()
  await page.screenshot({ path: testInfo.outputPath('screening.png'), fullPage: false })

  await step(page, /^Plan/).click()
  await expect(page.getByLabel('Weeks between sessions')).toHaveValue('6')
  await expect(page.getByText(/PIH precautions: a shallow depth to start/)).toBeVisible()
  await page.getByLabel('PRP (platelet-rich plasma)').check()
  await saved(page)

  await page.getByRole('link', { name: 'Handout' }).click()
  const sheet = page.getByRole('article', { name: 'Handout' })
  await expect(sheet.getByRole('heading', { name: 'Just for you' })).toBeVisible()
  await expect(sheet.getByText(/we may give you an antiviral medicine/)).toBeVisible()
  await expect(sheet.getByText(/more likely to get dark marks after treatment/)).toBeVisible()
  await expect(sheet.getByRole('heading', { name: 'PRP (platelet-rich plasma)' })).toBeVisible()
  await expect(sheet.getByText(/call emergency services/)).toBeVisible()
  await expect(sheet.getByRole('region', { name: 'Clinic copy' })).toHaveCount(0)

  await page.getByLabel('Copy').selectOption('clinic')
  const clinic = sheet.getByRole('region', { name: 'Clinic copy' })
  await expect(clinic.getByText(/Under 22; Higher risk of dark marks/)).toBeVisible()
  await expect(clinic.getByRole('heading', { name: 'Do not treat today' })).toBeVisible()
  await expect(clinic.getByText(/Are you pregnant, or could you be\? yes/)).toBeVisible()
  await expect(clinic.getByText(/get cold sores on or near the area from time to time\? yes/)).toBeVisible()
  const { text } = await pdfOf(page, testInfo.outputPath('clinic-copy.pdf'))
  expect(text.replace(/\s+/g, ' ')).toContain('Clinic copy: screening')
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    testInfo.outputPath('clinic-copy.pdf'),
    testInfo.outputPath('clinic-copy')
  ])
})

test('the clinic’s locale: US spelling and the insurance sentence reach the guide and the handout', async ({
  page
}) => {
  await fillSettings(page)
  await page.getByLabel('English spelling in the guide, screening and handouts').selectOption('us')
  await page.getByLabel(/health insurance usually does not pay/).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patient guide' }).click()
  await page.getByRole('button', { name: 'Go to screen 7: What happens next?' }).click()
  await expect(
    page.getByText('Health insurance does not usually pay for microneedling, as it is a cosmetic treatment.')
  ).toBeVisible()
  await page.getByRole('button', { name: 'Go to screen 2: Does it hurt?' }).click()
  await expect(page.getByText(/half a millimeter long/)).toBeVisible()

  await page.getByRole('link', { name: 'Handout for walk-ins' }).click()
  const sheet = page.getByRole('article', { name: 'Handout' })
  await expect(sheet.getByText('Leave makeup off the area for 12 hours.')).toBeVisible()
  await expect(sheet.getByText(/make-up/)).toHaveCount(0)
})
