import { expect, type Locator, type Page } from '@playwright/test'

export async function addPatient(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  await page.getByLabel('Find or add a patient').fill(name)
  await page.getByLabel('Find or add a patient').press('Enter')
  await page.getByRole('button', { name: 'Save patient' }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
}

export const step = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Consult steps' }).getByRole('link', { name })

/** A region on the body figure (front or back view), by its exact name. */
export const onFigure = (page: Page, name: string) =>
  page.getByRole('group', { name: /of the body$/ }).getByRole('button', { name, exact: true })

export const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()

/** Confirms the open "Sign this consult?" dialog with the test practitioner's PIN. */
export async function signWithPin(page: Page, pin = '2468'): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Sign this consult?' })
  await dialog.getByLabel('PIN').fill(pin)
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click()
}

/** Ends presentation mode with the test practitioner's PIN. */
export async function endPresentation(page: Page, pin = '2468'): Promise<void> {
  await page.getByRole('button', { name: 'End presentation' }).click()
  const dialog = page.getByRole('dialog', { name: 'End the presentation?' })
  await dialog.getByLabel('PIN').fill(pin)
  await dialog.getByRole('button', { name: 'End presentation' }).click()
}

/** Presses Tab until `target` has the focus (keyboard-only paths). */
export async function tabTo(page: Page, target: Locator, limit = 250): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target}`)
}
