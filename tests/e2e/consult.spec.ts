import { addPatient, endPresentation, onFigure, saved, signWithPin, step } from './consult-helpers'
import { expect, test, unlock } from './fixtures'

test('a full consult with the mouse: guide, areas, screening, plan, sign, amend', async ({ page }) => {
  await addPatient(page, 'Ada Lovelace')
  await page.getByRole('button', { name: 'New consult' }).click()
  await expect(page.getByRole('heading', { name: 'Consult: Ada Lovelace' })).toBeVisible()

  // Guide, presented to the patient; the screens shown are recorded.
  await page.getByRole('button', { name: 'Present to patient' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Next', exact: true }).click()
  await page.getByRole('button', { name: 'Next', exact: true }).click()
  await endPresentation(page)
  await expect(page.getByText('Shown', { exact: true })).toHaveCount(3)
  await expect(step(page, /^Guide, done/)).toBeVisible()

  // Areas on the body map; the face's zones on its close-up.
  await step(page, /^Areas/).click()
  await onFigure(page, 'Face').click()
  await expect(onFigure(page, 'Face')).toHaveAttribute('aria-pressed', 'true')
  const face = page.getByRole('region', { name: 'Face' })
  await face.getByRole('button', { name: 'Acne scars' }).click()
  await face.getByLabel('Moderate').check()
  await face.getByLabel('Note on face').fill('Rolling scars on both cheeks')
  await page.getByRole('button', { name: 'Face close-up' }).click()
  await page.getByRole('group', { name: 'Face close-up' }).getByRole('button', { name: 'Cheeks' }).press('Enter')
  await expect(face).toContainText('Zones Cheeks')
  await page.getByRole('button', { name: 'Front', exact: true }).click()
  await onFigure(page, 'Left arm').click()
  await onFigure(page, 'Right arm').click()
  await expect(face).toContainText('Acne scars · moderate · Cheeks') // folded to one line
  const arms = page.getByRole('region', { name: 'Arms (left and right)' })
  await arms.getByRole('button', { name: 'Stretch marks' }).click()
  await page.getByRole('button', { name: 'Back', exact: true }).click()
  await onFigure(page, 'Buttocks').click()
  await page
    .getByRole('region', { name: 'Buttocks' })
    .getByRole('button', { name: /Remove/ })
    .click()
  await expect(page.getByRole('region', { name: 'Buttocks' })).toHaveCount(0)

  // Screening: flagged answers show their level, nothing is blocked.
  await step(page, /^Screening/).click()
  await page
    .getByRole('group', { name: /Are you pregnant/ })
    .getByLabel('No')
    .check()
  await page
    .getByRole('group', { name: /Did you stop taking isotretinoin/ })
    .getByLabel('Yes')
    .check()
  await page.getByLabel(/Note on: Did you stop taking isotretinoin/).fill('Stopped 4 months ago')
  await expect(page.getByText('Needs your judgement.', { exact: true })).toBeVisible()
  await page
    .getByRole('group', { name: /cold sore right now/ })
    .getByLabel('Yes')
    .check()
  await expect(page.getByText('Do not treat today.', { exact: true })).toBeVisible()
  await expect(page.getByText(/1 answer says do not treat today/)).toBeVisible()
  await expect(step(page, /^Screening, needs attention/)).toBeVisible()

  // Plan, with suggested defaults from the concerns marked.
  await step(page, /^Plan/).click()
  await expect(page.getByLabel('Number of sessions')).toHaveValue('4')
  await expect(page.getByLabel('Weeks between sessions')).toHaveValue('4')
  await page.getByLabel('Number of sessions').fill('3')
  await page.getByLabel('PRP (platelet-rich plasma)').check()
  await page.getByRole('button', { name: /^Fill in:/ }).click()
  await expect(page.getByLabel('Expected timeline')).toHaveValue(/3 sessions, 4 weeks apart/)
  await page.getByLabel('Price quote').fill('3 sessions, 750 in total')
  await page.getByLabel('Consult notes').fill('Wants to start after the summer holidays.')
  await saved(page)

  // Review and sign.
  await step(page, /^Review/).click()
  await expect(page.getByText('Practitioner Dr Grace Hopper')).toBeVisible() // the one working, not typed
  const screening = page.getByRole('region', { name: 'Screening' })
  await expect(screening.getByText(/Needs judgement:.*isotretinoin/)).toBeVisible()
  await expect(screening.getByText(/Do not treat today:.*cold sore right now/)).toBeVisible()
  await page.getByRole('button', { name: 'Sign consult' }).click()
  // The plan goes ahead over a "do not treat" answer: the dialog asks why, and keeps it.
  await signWithPin(page)
  const dialog = page.getByRole('dialog', { name: 'Sign this consult?' })
  await expect(
    dialog.getByText('An answer says do not treat today, yet the plan goes ahead. Write why, or clear the sessions.')
  ).toBeVisible()
  await dialog
    .getByLabel(/yet the plan goes ahead\. Why\?/)
    .fill('First session booked after the cold sore has healed.')
  await signWithPin(page)

  await expect(page.getByText('Signature check passed')).toBeVisible()
  await expect(page.getByText(/Signed by Dr Grace Hopper/).first()).toBeVisible()
  await expect(page.getByText('Acne scars — moderate')).toBeVisible()
  await expect(page.getByText('Stretch marks — ', { exact: false })).toHaveCount(0)
  await expect(page.getByText('Wants to start after the summer holidays.')).toBeVisible()
  await expect(page.getByText('First session booked after the cold sore has healed.')).toBeVisible()

  // An amendment appears below the record.
  await page.getByRole('button', { name: 'Add an amendment…' }).click()
  await page.getByLabel('Amendment text').fill('Patient called: isotretinoin stopped 6 months ago, not 4.')
  await page.getByLabel('PIN').fill('2468')
  await page.getByRole('button', { name: 'Add amendment' }).click()
  const amendments = page.getByRole('region', { name: 'Amendments' })
  await expect(amendments.getByText('Patient called: isotretinoin stopped 6 months ago, not 4.')).toBeVisible()
  await expect(amendments.getByRole('listitem').getByText(/Dr Grace Hopper/)).toBeVisible()

  await page.reload()
  await unlock(page)
  await expect(
    page.getByRole('region', { name: 'Amendments' }).getByText(/isotretinoin stopped 6 months/)
  ).toBeVisible()
})

test('a signed consult cannot be edited', async ({ page }) => {
  await addPatient(page, 'Grace Hopper')
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Areas/).click()
  await onFigure(page, 'Neck').click()
  await step(page, /^Review/).click()
  await page.getByRole('button', { name: 'Sign consult' }).click()
  await signWithPin(page)
  await expect(page.getByText('Signature check passed')).toBeVisible()

  // Every step's address now shows the read-only record, with nothing to edit but amendments.
  const url = page.url().replace(/\/review$/, '')
  for (const name of ['areas', 'screening', 'plan', 'review']) {
    await page.goto(`${url}/${name}`)
    await expect(page.getByText('Signature check passed')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Neck' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Sign consult' })).toHaveCount(0)
    await expect(page.getByRole('textbox')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Add an amendment…' })).toBeVisible()
  }
})

test('a reload in the middle of a consult loses nothing, and the draft is offered again', async ({ page }) => {
  await addPatient(page, 'Katherine Johnson')
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Areas/).click()
  await onFigure(page, 'Chest and décolleté').click()
  await page
    .getByRole('region', { name: 'Chest and décolleté' })
    .getByRole('button', { name: 'Fine lines and wrinkles' })
    .click()
  await step(page, /^Plan/).click()
  await page.getByLabel('Consult notes').fill('Typed just before the reload')
  await page.reload() // at once: no waiting for "Saved"
  await unlock(page) // a reload starts locked

  await expect(page.getByLabel('Consult notes')).toHaveValue('Typed just before the reload')
  await step(page, /^Areas/).click()
  await expect(page.getByRole('region', { name: 'Chest and décolleté' })).toContainText('Fine lines and wrinkles')

  await page.getByRole('link', { name: 'Katherine Johnson' }).click()
  await expect(page.getByText(/An unfinished consult from .* is waiting/)).toBeVisible()
  await page.getByRole('link', { name: 'Continue consult' }).click()
  await step(page, /^Plan/).click()
  await expect(page.getByLabel('Consult notes')).toHaveValue('Typed just before the reload')
})
