import { execFileSync } from 'node:child_process'
import type { Page } from '@playwright/test'
import { addPatient, saved, signWithPin, step } from './consult-helpers'
import { expect, test } from './fixtures'
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
  await expect(page.getByLabel('Clinic name')).toHaveValue('Test Clinic') // what first-run setup stored
})

test('a consult’s handout holds the patient, areas and plan, fits two pages, and its printing is recorded', async ({
  page
}, testInfo) => {
  await fillSettings(page)
  await addPatient(page, 'Ada Lovelace')
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Areas/).click()
  await page.getByRole('button', { name: 'Face' }).click()
  await page.getByRole('region', { name: 'Face' }).getByLabel('Acne scars').check()
  await page.getByRole('region', { name: 'Face' }).getByLabel('Moderate').check()
  await page.getByRole('button', { name: 'Neck' }).click()
  await page.getByRole('region', { name: 'Neck' }).getByLabel('Fine lines and wrinkles').check()
  await step(page, /^Plan/).click()
  await page.getByRole('button', { name: /^Fill in:/ }).click()
  await page.getByLabel('Price quote').fill('3 sessions, 750 in total')
  await saved(page)

  await page.getByRole('link', { name: 'Handout' }).click()
  const sheet = page.getByRole('article', { name: 'Handout' })
  await expect(sheet.getByText('Harbour Skin Clinic').first()).toBeVisible()
  await expect(sheet.getByText('No make-up on the area for 12 hours.')).toBeVisible()

  const { pages, pageTexts } = await pdfOf(page, testInfo.outputPath('handout.pdf'))
  expect(pages).toBeGreaterThanOrEqual(1)
  expect(pages).toBeLessThanOrEqual(2)
  // Read in reading order, column by column: the safety box sits beside the aftercare.
  const flat = pageTexts.join(' ')
  for (const expected of [
    'Your microneedling plan',
    'For: Ada Lovelace',
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
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', testInfo.outputPath('handout.pdf'), testInfo.outputPath('handout-page')])

  page.once('dialog', (dialog) => void dialog.dismiss())
  await page.evaluate(() => (window.print = () => {})) // the browser's dialog would block the test
  await page.getByRole('button', { name: 'Print' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Print dialog opened' })).toBeVisible()
  await page.getByRole('link', { name: 'Back' }).click()
  await step(page, /^Review/).click()
  await page.getByLabel('Practitioner', { exact: true }).fill('Dr Grace Hopper')
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
