import type { Page } from '@playwright/test'
import type { AuditEntry, Consult, Patient } from '../../electron/contract'
import { expect, test, unlock } from './fixtures'

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const current = (page: Page) => mainNav(page).locator('[aria-current="page"]')

test('the navigation highlights the section a consult was opened from', async ({ page, app }) => {
  const patient = await app.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
  await app.call<Consult>('consults.create', { patientId: patient.id })
  await page.reload()
  await unlock(page) // a reload starts locked

  await page.getByRole('link', { name: /Ada Lovelace/ }).click()
  await page.getByRole('link', { name: 'Continue consult' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Consult: Ada Lovelace' })).toBeVisible()
  await expect(current(page)).toHaveText('Patients')

  await mainNav(page).getByRole('link', { name: 'Past consults' }).click()
  await page.getByRole('link', { name: /Ada Lovelace/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Consult: Ada Lovelace' })).toBeVisible()
  await expect(current(page)).toHaveText('Past consults')
  await page.getByRole('link', { name: 'Handout' }).click()
  await expect(current(page)).toHaveText('Past consults')

  await mainNav(page).getByRole('link', { name: 'Patient guide' }).click()
  await page.getByRole('link', { name: 'Handout for walk-ins' }).click()
  await expect(current(page)).toHaveText('Patient guide')
})

test('every navigation moves focus to the new screen’s heading, a consult step’s to the step’s', async ({
  page,
  app
}) => {
  const patient = await app.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
  const consult = await app.call<Consult>('consults.create', { patientId: patient.id })
  await page.reload()
  await unlock(page) // a reload starts locked

  for (const [link, heading] of [
    ['Past consults', 'Past consults'],
    ['Patient guide', 'Patient guide'],
    ['Settings', 'Settings'],
    ['Patients', 'Patients']
  ] as const) {
    await mainNav(page).getByRole('link', { name: link }).click()
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeFocused()
  }
  await page.getByRole('link', { name: /Ada Lovelace/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeFocused()
  await page.evaluate((hash) => (location.hash = hash), `#/consults/${consult.id}/guide`)
  // A consult opens on its step, so focus goes to the step's heading, under the consult's title.
  await expect(page.getByRole('heading', { level: 1, name: 'Consult: Ada Lovelace' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Guide' })).toBeFocused()
  await page
    .getByRole('navigation', { name: 'Consult steps' })
    .getByRole('link', { name: /^Screening/ })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Screening' })).toBeFocused()
})

test('a skip link is the first Tab stop and jumps to the main content', async ({ page }) => {
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible() // the route did not change
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Add patient' })).toBeFocused()
})

test('on a portrait tablet the navigation is a compact bar across the top', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 })
  const nav = (await mainNav(page).boundingBox())!
  const main = (await page.getByRole('main').boundingBox())!
  expect(nav.y + nav.height).toBeLessThanOrEqual(main.y + 1)
  expect(main.width).toBeGreaterThan(700)
  await page.setViewportSize({ width: 1280, height: 800 })
  const wideMain = (await page.getByRole('main').boundingBox())!
  expect(wideMain.x).toBeGreaterThanOrEqual(200) // the sidebar is back
})

test('leaving Settings with unsaved changes asks first; staying keeps them, leaving drops them', async ({ page }) => {
  await mainNav(page).getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Clinic name').fill('Harbour Skin Clinic')
  await mainNav(page).getByRole('link', { name: 'Patients' }).click()
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Stay and keep editing' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByLabel('Clinic name')).toHaveValue('Harbour Skin Clinic')
  expect(page.url()).toContain('#/settings')

  await mainNav(page).getByRole('link', { name: 'Patients' }).click()
  await dialog.getByRole('button', { name: 'Leave without saving' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible()
  await mainNav(page).getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByLabel('Clinic name')).toHaveValue('Test Clinic')

  // Saved changes leave without a question.
  await page.getByLabel('Clinic name').fill('Harbour Skin Clinic')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible()
  await mainNav(page).getByRole('link', { name: 'Patients' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible()
  await expect(dialog).toBeHidden()
})

test('the audit log is a table reached by keyboard, filtered by action, and refreshed after each action', async ({
  page,
  app
}) => {
  const patient = await app.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
  await app.call('patients.update', { id: patient.id, fullName: 'Ada King' })
  await mainNav(page).getByRole('link', { name: 'Settings' }).click()
  const log = page.getByRole('table', { name: 'Recorded actions, newest first' })
  await expect(log.getByRole('row').nth(1)).toContainText('Edited a patient')
  await expect(log.getByRole('row').nth(1)).toContainText('patient Ada King — changed name')
  const rows = await log.getByRole('row').count() // the set-up and unlocking are there too

  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(log.getByRole('row')).toHaveCount(rows + 1)
  const backupRow = log.getByRole('row').nth(1)
  await expect(backupRow).toContainText('Backed up')
  await expect(backupRow).not.toContainText('.sqlite') // the backup is named by its time, not its file
  await expect(backupRow).toContainText(/^.*backup of /)

  const filter = page.getByLabel('Show')
  await filter.focus()
  await expect(filter).toBeFocused()
  await filter.selectOption({ label: 'Edited a patient' })
  await expect(log.getByRole('row')).toHaveCount(2)
  await expect(log.getByRole('row').nth(1)).toContainText('Edited a patient')

  const entries = await app.call<AuditEntry[]>('audit.list', {})
  expect(entries.map((e) => e.action).slice(0, 2)).toEqual(['backed-up', 'patient-edited'])
})
