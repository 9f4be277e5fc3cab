import type { Page } from '@playwright/test'
import type { Patient } from '../../electron/contract'
import { expect, PRACTITIONER, test } from './fixtures'
import { expectFocusKept, Interactions, shoot } from './interactions'
import type { WebApp } from '../support/web-app'

/** The most a standard consult may take, by mouse and by keyboard alone. */
const MOST_INTERACTIONS = 18
const MOST_KEYS = 60

/** Opens an existing patient's page, where a standard consult starts. */
async function openPatient(page: Page, app: WebApp): Promise<void> {
  // A clinic that can print: its handouts tell patients which number to call.
  const { settings } = await app.call<{ settings: Record<string, unknown> }>('settings.get')
  await app.call('settings.save', { ...settings, phone: '+44 117 496 0000' })
  const patient = await app.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
  await page.evaluate((id) => (location.hash = `#/patients/${id}`), patient.id)
  await expect(page.getByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeVisible()
  await page.evaluate(() => (window.print = () => {})) // the browser's dialog would block the test
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 2 })
const face = (page: Page) => page.getByRole('region', { name: 'Face' })
const neck = (page: Page) => page.getByRole('region', { name: 'Neck' })
const onFigure = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Front of the body' }).getByRole('button', { name, exact: true })

/** What the standard consult must have stored, however it was entered. */
async function expectStandardConsult(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Print dialog opened' })).toBeVisible()
  await page.goBack()
  await expect(page.getByText(`Signed by ${PRACTITIONER}`).first()).toBeVisible()
  await expect(page.getByText('Acne scars — moderate')).toBeVisible()
  await expect(page.getByText('Fine lines and wrinkles — mild')).toBeVisible()
  await expect(page.getByText(/questions answered; none flagged/)).toBeVisible()
}

test('the standard consult by mouse takes at most 18 interactions, with the figure, screening and sign in view', async ({
  page,
  app
}, testInfo) => {
  await openPatient(page, app)
  const ui = new Interactions(page)

  await ui.click(page.getByRole('button', { name: 'New consult' }))
  await expect(heading(page, 'Guide')).toBeFocused()
  await shoot(page, testInfo, '1-guide')
  await ui.click(page.getByRole('link', { name: /^Next/ }))

  await expect(heading(page, 'Areas')).toBeFocused()
  const figure = page.getByRole('group', { name: 'Front of the body' })
  const box = await figure.boundingBox()
  expect(box!.height).toBeGreaterThanOrEqual(420)
  const details = await page.getByText('No areas marked yet.').boundingBox()
  expect(details!.x).toBeGreaterThan(box!.x + box!.width) // beside the figure, not below it
  await ui.click(figure.getByRole('button', { name: 'Face' }))
  await ui.click(face(page).getByRole('button', { name: 'Acne scars' }))
  await ui.click(face(page).getByLabel('Moderate'))
  await ui.click(figure.getByRole('button', { name: 'Neck' }))
  await expect(face(page)).toContainText('Acne scars · moderate') // folded to one line when you move on
  await ui.click(neck(page).getByRole('button', { name: 'Fine lines and wrinkles' }))
  await ui.click(neck(page).getByLabel('Mild'))
  await shoot(page, testInfo, '2-areas')
  await page.getByRole('button', { name: 'Face close-up' }).click()
  await page.getByRole('button', { name: 'Forehead' }).hover()
  await shoot(page, testInfo, '2-areas-face-close-up')
  await page.getByRole('button', { name: 'Front', exact: true }).click()
  await ui.click(page.getByRole('link', { name: /^Next/ }))

  await expect(heading(page, 'Screening')).toBeFocused()
  await ui.click(page.getByRole('button', { name: 'No to all' }))
  await expect(page.getByRole('status').filter({ hasText: /^(\d+) of \1 answered$/ })).toBeVisible()
  await shoot(page, testInfo, '3-screening')
  await ui.click(page.getByRole('link', { name: /^Next/ }))

  await expect(heading(page, 'Plan & notes')).toBeFocused()
  await expect(page.getByLabel('Number of sessions')).toHaveValue('4')
  await shoot(page, testInfo, '4-plan')
  await ui.click(page.getByRole('link', { name: 'Review & sign' }).last())

  await expect(heading(page, 'Review & sign')).toBeFocused()
  await shoot(page, testInfo, '5-review')
  await ui.click(page.getByRole('button', { name: 'Sign consult' }))
  const dialog = page.getByRole('dialog', { name: 'Sign this consult?' })
  await expect(dialog.getByLabel('PIN')).toBeFocused()
  await expect(dialog).toContainText(`Signing as: ${PRACTITIONER}`)
  await shoot(page, testInfo, '5-sign-dialog')
  await ui.type('2468')
  await ui.press('Enter')

  await expect(page.getByRole('status').filter({ hasText: `Signed by ${PRACTITIONER}` })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Print the handout' })).toBeFocused()
  expect(await page.evaluate(() => window.scrollY)).toBe(0)
  await shoot(page, testInfo, '6-signed')
  await ui.click(page.getByRole('link', { name: 'Print the handout' }))
  await ui.click(page.getByRole('button', { name: 'Print', exact: true }))

  console.log(`Standard consult by mouse: ${ui.summary()}`)
  expect(ui.total).toBeLessThanOrEqual(MOST_INTERACTIONS)
  await expectStandardConsult(page)
})

test('the standard consult by keyboard alone takes at most 60 keys, and focus never falls to the page', async ({
  page,
  app
}) => {
  await openPatient(page, app)
  const ui = new Interactions(page)
  const focusKept = (after: string) => expectFocusKept(page, after)

  await ui.tabTo(page.getByRole('button', { name: 'New consult' }))
  await ui.press('Enter')
  await expect(heading(page, 'Guide')).toBeFocused()
  await ui.press('Alt+N')
  await expect(heading(page, 'Areas')).toBeFocused()

  // Face: the figure is one stop; Enter marks the area and goes on to its concerns.
  await ui.press('Tab')
  await expect(onFigure(page, 'Face')).toBeFocused()
  await ui.press('Enter')
  await expect(face(page).getByRole('button', { name: 'Acne scars' })).toBeFocused()
  await ui.press(' ')
  await ui.press('Tab')
  await ui.press('ArrowRight') // Mild → Moderate
  await expect(face(page).getByLabel('Moderate')).toBeChecked()

  // Neck: back to the figure, one step on, and the same again.
  await ui.tabTo(page.getByRole('group', { name: 'Front of the body' }), true)
  await ui.press('ArrowDown')
  await expect(onFigure(page, 'Neck')).toBeFocused()
  await ui.press('Enter')
  await ui.press('ArrowRight', 2)
  await expect(neck(page).getByRole('button', { name: 'Fine lines and wrinkles' })).toBeFocused()
  await ui.press(' ')
  await ui.press('Tab')
  await ui.press(' ')
  await expect(neck(page).getByLabel('Mild')).toBeChecked()
  await focusKept('marking the areas')

  await ui.press('Alt+N')
  await expect(heading(page, 'Screening')).toBeFocused()
  await ui.tabTo(page.getByRole('button', { name: 'No to all' }))
  await ui.press('Enter')
  await expect(page.getByRole('status').filter({ hasText: /^(\d+) of \1 answered$/ })).toBeVisible()
  await focusKept('No to all')

  await ui.press('Alt+N')
  await expect(heading(page, 'Plan & notes')).toBeFocused()
  // Photos are optional: Next passes through the Photos step on the way to Review & sign.
  await ui.press('Alt+N')
  await expect(heading(page, 'Photos')).toBeFocused()
  await ui.press('Alt+N')
  await expect(heading(page, 'Review & sign')).toBeFocused()
  await ui.tabTo(page.getByRole('button', { name: 'Sign consult' }))
  await ui.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Sign this consult?' }).getByLabel('PIN')).toBeFocused()
  await ui.type('2468')
  await ui.press('Enter')
  await expect(page.getByRole('link', { name: 'Print the handout' })).toBeFocused()
  await ui.press('Enter')
  await ui.tabTo(page.getByRole('button', { name: 'Print', exact: true }))
  await ui.press('Enter')

  console.log(`Standard consult by keyboard: ${ui.keys} non-text keys (${ui.summary()})`)
  expect(ui.clicks).toBe(0)
  expect(ui.keys).toBeLessThanOrEqual(MOST_KEYS)
  await expectStandardConsult(page)
})
