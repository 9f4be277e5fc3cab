import type { Page } from '@playwright/test'
import { addPatient, onFigure, step } from './consult-helpers'
import { expect, PIN, PRACTITIONER, test, unlock } from './fixtures'
import { expectFocusKept } from './interactions'

const NURSE = 'Nurse Mary Jackson'
const NURSE_PIN = '1357'

async function newConsult(page: Page, patient: string): Promise<void> {
  await addPatient(page, patient)
  await page.getByRole('button', { name: 'New consult' }).click()
  await expect(page.getByRole('heading', { name: `Consult: ${patient}` })).toBeVisible()
}

test('one practitioner: whoever unlocked or switched in works, signs, and is named everywhere', async ({
  page,
  app
}) => {
  await app.call('practitioners.add', { name: NURSE, pin: NURSE_PIN, approverPin: PIN })
  await page.reload()
  await unlock(page)
  const frame = page.getByRole('region', { name: 'Who is working' })
  await expect(frame).toContainText('Test Clinic')
  await expect(frame).toContainText(`Working: ${PRACTITIONER}`)

  // Switching asks for the other practitioner's own PIN, inside the dialog.
  await frame.getByRole('button', { name: 'Switch practitioner' }).click()
  const switcher = page.getByRole('dialog', { name: 'Switch practitioner' })
  await expect(switcher.getByLabel('PIN')).toBeFocused()
  await expect(switcher.getByLabel('Practitioner')).toHaveValue(/.+/)
  await expect(switcher.getByLabel('Practitioner').locator('option:checked')).toHaveText(NURSE)
  await switcher.getByLabel('PIN').fill(PIN)
  await switcher.getByRole('button', { name: 'Switch' }).click()
  await expect(switcher.getByRole('alert')).toHaveText('That PIN is not right.')
  await switcher.getByLabel('PIN').fill(NURSE_PIN)
  await switcher.getByRole('button', { name: 'Switch' }).click()
  await expect(frame).toContainText(`Working: ${NURSE}`)
  await expectFocusKept(page, 'switching practitioner')

  // The consult is theirs without typing a name; signing asks for their PIN only.
  await newConsult(page, 'Ada Lovelace')
  await expect(page.getByText(new RegExp(`Draft · .* · ${NURSE}`))).toBeVisible()
  await step(page, /^Review/).click()
  await page.getByRole('button', { name: 'Sign consult' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sign this consult?' })
  await expect(dialog.getByLabel('PIN')).toBeFocused()
  await expect(dialog).toContainText(`Signing as: ${NURSE}`)
  await expect(dialog.getByLabel('Signing as')).toHaveCount(0) // no list unless asked for
  await expect(dialog.getByRole('alert')).toContainText('Mark at least one area')
  await dialog.getByLabel('PIN').fill(NURSE_PIN)
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click()
  await expect(dialog.getByRole('alert').last()).toContainText('Mark at least one area') // refused, in the dialog
  await expect(dialog.getByLabel('PIN')).toBeFocused()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('button', { name: 'Sign consult' })).toBeFocused()

  await step(page, /^Areas/).click()
  await onFigure(page, 'Neck').click()
  await step(page, /^Review/).click()
  await page.getByRole('button', { name: 'Sign consult' }).click()
  await dialog.getByLabel('PIN').fill('9999')
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click()
  const pinError = dialog.getByText('That PIN is not right.')
  await expect(pinError).toBeVisible()
  await expect(dialog.getByLabel('PIN')).toHaveAttribute('aria-describedby', (await pinError.getAttribute('id'))!)
  // Signing as someone else is a deliberate choice.
  await dialog.getByRole('button', { name: 'Someone else…' }).click()
  await expect(dialog.getByLabel('Signing as')).toBeVisible()
  await dialog.getByLabel('Signing as').selectOption({ label: NURSE })
  await dialog.getByLabel('PIN').fill(NURSE_PIN)
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: `Signed by ${NURSE}` })).toBeVisible()

  // One name: the record, the patient's list, Past consults, the handout and the audit log.
  await expect(page.getByText(new RegExp(`· Signed by ${NURSE} on`))).toBeVisible()
  await page.getByRole('link', { name: 'Print the handout' }).click()
  await expect(page.getByRole('article', { name: 'Handout' })).toContainText(`Practitioner: ${NURSE}`)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Past consults' }).click()
  await expect(page.getByRole('list', { name: 'Consults found' })).toContainText(NURSE)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('table').getByRole('row', { name: new RegExp(`Signed.*${NURSE}`) })).toBeVisible()
})

test('steps: Back and Next, a rail that stays in view, shortcuts in tooltips, ticks only once visited', async ({
  page
}) => {
  await newConsult(page, 'Grace Hopper')
  await expect(step(page, /^Guide/)).toHaveAttribute('title', 'Guide (Alt + 1)')
  await expect(page.getByRole('link', { name: /^Next/ })).toHaveAttribute('title', 'Next: Areas (Alt + N)')

  await page.keyboard.press('Alt+2')
  await expect(page.getByRole('heading', { name: 'Areas', level: 2 })).toBeFocused()
  await onFigure(page, 'Face').click()
  await page.getByRole('region', { name: 'Face' }).getByRole('button', { name: 'Acne scars' }).click()
  await expect(step(page, /^Areas, done$/)).toBeVisible()
  // The plan now holds a suggestion, but is not ticked before it has been opened.
  await expect(step(page, /^Plan & notes$/)).toBeVisible()
  await page.getByRole('link', { name: /^Next/ }).click()
  await expect(page.getByRole('heading', { name: 'Screening', level: 2 })).toBeFocused()
  await expect(step(page, /^Screening$/)).toBeVisible() // opened, not all answered
  await page.keyboard.press('Alt+N')
  await expect(page.getByRole('heading', { name: 'Plan & notes', level: 2 })).toBeFocused()
  await expect(step(page, /^Plan & notes, done$/)).toBeVisible()
  await page.keyboard.press('Alt+B')
  await expect(page.getByRole('heading', { name: 'Screening', level: 2 })).toBeFocused()

  // Scrolled to the foot of a long step, the rail and Next are both in view.
  await page.getByRole('link', { name: /^Next/ }).scrollIntoViewIfNeeded()
  await expect(page.getByRole('navigation', { name: 'Consult steps' })).toBeInViewport()
  await page.getByRole('link', { name: /^Back/ }).click()
  await expect(page.getByRole('heading', { name: 'Areas', level: 2 })).toBeFocused()
})

test('screening: one row a question within 1.5 screens, No to the rest, notes on demand, flags in the row', async ({
  page
}) => {
  await newConsult(page, 'Katherine Johnson')
  await step(page, /^Screening/).click()
  const section = page.getByRole('region', { name: 'Screening' })
  expect((await section.boundingBox())!.height).toBeLessThanOrEqual(1.5 * 800)

  const coldSores = page.getByRole('group', { name: /get cold sores/ })
  await coldSores.getByLabel('Yes').check()
  const row = page.getByRole('listitem').filter({ has: coldSores })
  await expect(row).toHaveAttribute('data-flag', 'judgement')
  await expect(row.getByText('Needs your judgement.')).toBeVisible()
  await expect(row.getByLabel(/Note on: Do you get cold sores/)).toBeVisible() // opened by itself for Yes

  const pregnancy = page.getByRole('listitem').filter({ has: page.getByRole('group', { name: /Are you pregnant/ }) })
  await expect(pregnancy.getByRole('textbox')).toHaveCount(0)
  await pregnancy.getByRole('button', { name: /Add a note/ }).click()
  await expect(pregnancy.getByRole('textbox')).toBeFocused()

  await page.getByRole('button', { name: 'No to the rest' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^(\d+) of \1 answered$/ })).toBeVisible()
  await expect(coldSores.getByLabel('Yes')).toBeChecked() // the exception stays
  await expect(page.getByRole('group', { name: /Are you pregnant/ }).getByLabel('No')).toBeChecked()
  await expect(step(page, /^Screening, needs attention$/)).toBeVisible()
  await expect(page.getByRole('listitem').and(page.locator('[data-flag]'))).toHaveCount(1)
})

test('the body map: big, beside the details, 44 px targets with names, left and right right, a face close-up', async ({
  page
}, testInfo) => {
  await newConsult(page, 'Dorothy Vaughan')
  await step(page, /^Areas/).click()
  const views = [
    { button: 'Front', group: 'Front of the body' },
    { button: 'Back', group: 'Back of the body' },
    { button: 'Face close-up', group: 'Face close-up' }
  ]
  for (const { button, group } of views) {
    await page.getByRole('button', { name: button, exact: true }).click()
    const map = page.getByRole('group', { name: group })
    expect((await map.boundingBox())!.height).toBeGreaterThanOrEqual(420)
    for (const region of await map.getByRole('button').all()) {
      const box = (await region.boundingBox())!
      const name = await region.getAttribute('aria-label')
      expect(Math.min(box.width, box.height), `${group}: ${name}`).toBeGreaterThanOrEqual(44)
      await region.focus()
      await expect(map.locator('.name text'), `${name} named on focus`).toHaveText(name!)
    }
  }
  await page.getByRole('group', { name: 'Face close-up' }).getByRole('button', { name: 'Forehead' }).click()
  await expect(page.getByRole('region', { name: 'Face' })).toContainText('Forehead')
  await page.screenshot({ path: testInfo.outputPath('face-close-up-1280x800.png') })

  // Back view: the patient's left arm is on the viewer's left, and the caption says so.
  await page.getByRole('button', { name: 'Back', exact: true }).click()
  await expect(page.getByText('From behind: the patient’s left is on your left.')).toBeVisible()
  const left = (await onFigure(page, 'Left arm').boundingBox())!
  const right = (await onFigure(page, 'Right arm').boundingBox())!
  expect(left.x).toBeLessThan(right.x)

  // A tap just below the neck is still the neck, not the chest.
  await page.getByRole('button', { name: 'Front', exact: true }).click()
  const neckShape = (await onFigure(page, 'Neck').locator('path').boundingBox())!
  await page.mouse.click(neckShape.x + neckShape.width / 2, neckShape.y + neckShape.height + 6)
  await expect(onFigure(page, 'Neck')).toHaveAttribute('aria-pressed', 'true')
  await expect(onFigure(page, 'Chest and décolleté')).toHaveAttribute('aria-pressed', 'false')

  // The badge's meaning is written on the figure.
  await page.getByRole('region', { name: 'Neck' }).getByRole('button', { name: 'Fine lines and wrinkles' }).click()
  await expect(page.getByText('the number of concerns recorded for that area')).toBeVisible()
})
