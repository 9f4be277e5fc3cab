import type { Page } from '@playwright/test'
import type { AuditEntry, Consult, Patient, Practitioner } from '../../electron/contract'
import type { WebApp } from '../support/web-app'
import { expect, PIN, test, unlock } from './fixtures'
import { pdfOf } from './pdf'
import { seedClinic } from './screens'

const papers = ['A4', 'Letter'] as const

async function openHandout(page: Page, consultId: string | null, paper: string): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), `#/handout/${consultId ?? 'general'}`)
  await expect(page.getByRole('article', { name: 'Handout' })).toBeVisible()
  await page.getByLabel('Paper').selectOption(paper)
}

/** A consult with every area and add-on marked: as long as a handout gets. */
async function longConsult(app: WebApp): Promise<Consult> {
  const patient = await app.call<Patient>('patients.create', { fullName: 'Bartholomew Fitzgerald-Ashworth' })
  const consult = await app.call<Consult>('consults.create', { patientId: patient.id })
  const concerns = [
    'acne-scars',
    'scars',
    'fine-lines',
    'stretch-marks',
    'pores',
    'texture',
    'firmness',
    'pigmentation'
  ]
  const areas = ['face', 'neck', 'chest', 'abdomen', 'arms', 'legs', 'back', 'buttocks', 'hands'].map((areaId) => ({
    areaId,
    sides: ['arms', 'legs'].includes(areaId) ? ['left', 'right'] : [],
    concerns,
    severity: 'marked'
  }))
  await app.call('consults.saveDraft', {
    id: consult.id,
    draft: {
      consultedAt: consult.consultedAt,
      practitioner: 'Dr Grace Hopper',
      areas,
      plan: {
        sessions: 6,
        intervalWeeks: 4,
        customised: true,
        addOns: ['prp', 'rf', 'tranexamic-acid'],
        timeline: 'Six sessions over six months, then a review of the results three months after the last one.',
        priceQuote: '6 sessions with add-ons, 2,400 in total, payable per session'
      }
    }
  })
  return consult
}

const onPageWith = (pages: readonly string[], text: string) => pages.filter((p) => p.includes(text))

test('a draft’s handout says DRAFT on every page and keeps “Call us if…” with the aftercare, on A4 and Letter', async ({
  page,
  app
}, testInfo) => {
  await seedClinic(app)
  const consult = await longConsult(app)
  await page.goto(app.url)
  await unlock(page) // a new load starts locked
  for (const paper of papers) {
    await openHandout(page, consult.id, paper)
    await expect(page.getByText('DRAFT: not a signed record')).toBeVisible()
    const pdf = await pdfOf(page, testInfo.outputPath(`long-draft-${paper}.pdf`))
    // Every area, add-on and flag: the add-ons' risks and aftercare and the advice for each flag make it three pages.
    expect(pdf.pages, `${paper}: the longest handout fits three pages`).toBeLessThanOrEqual(3)
    expect(pdf.pages, `${paper}: this much content needs more than one page`).toBeGreaterThan(1)
    pdf.pageTexts.forEach((text, i) => expect(text, `${paper} page ${i + 1}`).toContain('DRAFT: not a signed record'))
    const [safetyPage] = onPageWith(pdf.pageTexts, 'Call us if')
    expect(safetyPage, `${paper}: the safety box is printed`).toBeDefined()
    expect(safetyPage, `${paper}: the safety box shares its page with the aftercare`).toContain('Aftercare')
    expect(safetyPage).toContain('call Harbour Skin Clinic on +44 117 496 0000')
  }
})

test('a signed consult’s handout prints without DRAFT, on at most two pages, the safety box with the aftercare, on A4 and Letter', async ({
  page,
  app
}, testInfo) => {
  const { signed } = await seedClinic(app)
  await page.goto(app.url)
  await unlock(page) // a new load starts locked
  for (const paper of papers) {
    await openHandout(page, signed.id, paper)
    await expect(page.getByText('DRAFT: not a signed record')).toHaveCount(0)
    const pdf = await pdfOf(page, testInfo.outputPath(`signed-${paper}.pdf`))
    expect(pdf.pages, `${paper}: at most two pages`).toBeLessThanOrEqual(2)
    expect(pdf.text).not.toContain('DRAFT')
    for (const expected of ['Your microneedling plan', `Page 1 of ${pdf.pages}`])
      expect(pdf.pageTexts[0]).toContain(expected)
    const [safetyPage] = onPageWith(pdf.pageTexts, 'Call us if')
    expect(safetyPage, `${paper}: the safety box shares its page with the aftercare`).toContain('Aftercare')
  }
})

test('the general handout fits one page on A4 and Letter', async ({ page, app }, testInfo) => {
  await seedClinic(app)
  await page.goto(app.url)
  await unlock(page) // a new load starts locked
  for (const paper of papers) {
    await openHandout(page, null, paper)
    const pdf = await pdfOf(page, testInfo.outputPath(`general-${paper}.pdf`))
    expect(pdf.pages, `${paper}: one page`).toBe(1)
    expect(pdf.pageTexts[0]).toContain('Call us if')
    expect(pdf.text).not.toContain('DRAFT')
  }
})

test('without the clinic’s phone number Print does nothing, says why, and links to Settings', async ({ page, app }) => {
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  const patient = await app.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
  const consult = await app.call<Consult>('consults.create', { patientId: patient.id })
  await app.call('consults.saveDraft', {
    id: consult.id,
    draft: { consultedAt: consult.consultedAt, practitioner: practitioner!.name, noAreasNote: 'Information only' }
  })
  await app.call('consults.sign', { id: consult.id, practitionerId: practitioner!.id, pin: PIN })
  await page.goto(app.url)
  await unlock(page) // a new load starts locked
  await openHandout(page, consult.id, 'A4')

  const print = page.getByRole('button', { name: 'Print' })
  await expect(print).toHaveAttribute('aria-disabled', 'true')
  await expect(print).toHaveAccessibleDescription(/Printing is off until the clinic’s phone number is set/)
  let printed = false
  await page.exposeFunction('notePrint', () => (printed = true))
  await page.evaluate(() => (window.print = () => void (window as unknown as { notePrint: () => void }).notePrint()))
  await print.click({ force: true })
  expect(printed).toBe(false)
  expect((await app.call<AuditEntry[]>('audit.list', {})).filter((e) => e.action === 'printed')).toEqual([])

  await page.getByRole('link', { name: 'Add the phone number in Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  // Settings save without a phone number, so the field is not marked required; it says what needs it.
  await expect(page.getByLabel('Phone')).not.toHaveAttribute('aria-required')
  await expect(page.getByLabel('Phone')).toHaveAccessibleDescription('Needed before handouts can be printed.')
  await page.getByLabel('Phone').fill('+44 117 496 0000')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')
  await openHandout(page, consult.id, 'A4')
  await expect(print).not.toHaveAttribute('aria-disabled')
  await print.click()
  await expect(page.getByRole('status').filter({ hasText: 'Print dialog opened' })).toBeVisible()
  expect(printed).toBe(true)
})
