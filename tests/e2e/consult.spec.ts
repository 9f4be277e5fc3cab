import { addPatient, endPresentation, saved, signWithPin, step, tabTo } from './consult-helpers'
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

  // Areas on the body map.
  await step(page, /^Areas/).click()
  await page.getByRole('button', { name: 'Face' }).click()
  await expect(page.getByRole('button', { name: 'Face' })).toHaveAttribute('aria-pressed', 'true')
  await page.getByRole('button', { name: 'Left arm' }).click()
  await page.getByRole('button', { name: 'Right arm' }).click()
  const face = page.getByRole('region', { name: 'Face' })
  await face.getByLabel('Cheeks').check()
  await face.getByLabel('Acne scars').check()
  await face.getByLabel('Moderate').check()
  await face.getByLabel('Note on face').fill('Rolling scars on both cheeks')
  const arms = page.getByRole('region', { name: 'Arms (left and right)' })
  await arms.getByLabel('Stretch marks').check()
  await page.getByRole('button', { name: 'Back view' }).click()
  await page.getByRole('button', { name: 'Buttocks' }).click()
  await page.getByRole('region', { name: 'Buttocks' }).getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByRole('region', { name: 'Buttocks' })).toHaveCount(0)

  // Screening: a flagged answer is shown, nothing is blocked.
  await step(page, /^Screening/).click()
  await page.getByRole('group', { name: /Pregnant or breastfeeding/ }).getByLabel('No').check()
  await page.getByRole('group', { name: /isotretinoin/ }).getByLabel('Yes').check()
  await page.getByLabel(/Note on: Taken isotretinoin/).fill('Stopped 4 months ago')
  await expect(page.getByText('Needs your judgement.', { exact: true })).toBeVisible()
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
  await page.getByLabel('Practitioner', { exact: true }).fill('')
  await page.getByRole('button', { name: 'Sign consult' }).click()
  await expect(page.getByText('Enter the practitioner’s name before signing.')).toBeVisible()
  await page.getByLabel('Practitioner', { exact: true }).fill('Dr Grace Hopper')
  await expect(page.getByRole('region', { name: 'Screening' }).getByText(/Flagged:.*isotretinoin/)).toBeVisible()
  await page.getByRole('button', { name: 'Sign consult' }).click()
  await signWithPin(page)

  await expect(page.getByText('Signature check passed')).toBeVisible()
  await expect(page.getByText(/Signed by Dr Grace Hopper/)).toBeVisible()
  await expect(page.getByText('Acne scars — moderate')).toBeVisible()
  await expect(page.getByText('Stretch marks — ', { exact: false })).toHaveCount(0)
  await expect(page.getByText('Wants to start after the summer holidays.')).toBeVisible()

  // An amendment appears below the record.
  await page.getByLabel('Amendment text').fill('Patient called: isotretinoin stopped 6 months ago, not 4.')
  await page.getByRole('button', { name: 'Add amendment' }).click()
  const amendments = page.getByRole('region', { name: 'Amendments' })
  await expect(amendments.getByText('Patient called: isotretinoin stopped 6 months ago, not 4.')).toBeVisible()
  await expect(amendments.getByText(/Dr Grace Hopper/)).toBeVisible()

  await page.reload()
  await unlock(page)
  await expect(page.getByRole('region', { name: 'Amendments' }).getByText(/isotretinoin stopped 6 months/)).toBeVisible()
})

test('a signed consult cannot be edited', async ({ page }) => {
  await addPatient(page, 'Grace Hopper')
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Areas/).click()
  await page.getByRole('button', { name: 'Neck' }).click()
  await step(page, /^Review/).click()
  await page.getByLabel('Practitioner', { exact: true }).fill('Dr Ada Lovelace')
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
    await expect(page.getByRole('textbox')).toHaveCount(2) // the amendment's author and text
  }
})

test('a reload in the middle of a consult loses nothing, and the draft is offered again', async ({ page }) => {
  await addPatient(page, 'Katherine Johnson')
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Areas/).click()
  await page.getByRole('button', { name: 'Chest and décolleté' }).click()
  await page.getByRole('region', { name: 'Chest and décolleté' }).getByLabel('Fine lines and wrinkles').check()
  await step(page, /^Plan/).click()
  await page.getByLabel('Consult notes').fill('Typed just before the reload')
  await page.reload() // at once: no waiting for "Saved"
  await unlock(page) // a reload starts locked

  await expect(page.getByLabel('Consult notes')).toHaveValue('Typed just before the reload')
  await step(page, /^Areas/).click()
  await expect(page.getByRole('region', { name: 'Chest and décolleté' }).getByLabel('Fine lines and wrinkles')).toBeChecked()

  await page.getByRole('link', { name: 'Katherine Johnson' }).click()
  await expect(page.getByText(/An unfinished consult from .* is waiting/)).toBeVisible()
  await page.getByRole('link', { name: 'Continue consult' }).click()
  await step(page, /^Plan/).click()
  await expect(page.getByLabel('Consult notes')).toHaveValue('Typed just before the reload')
})

test('a full consult with the keyboard only', async ({ page }) => {
  test.setTimeout(120_000) // hundreds of Tab presses, each a round trip to the browser
  const press = (key: string) => page.keyboard.press(key)
  await tabTo(page, page.getByLabel('Find or add a patient'))
  await page.keyboard.type('Dorothy Vaughan')
  await press('Enter')
  await expect(page.getByRole('heading', { name: 'Add a patient' })).toBeVisible()
  await tabTo(page, page.getByRole('button', { name: 'Save patient' }))
  await press('Enter')
  await expect(page.getByRole('heading', { name: 'Dorothy Vaughan' })).toBeVisible()
  await tabTo(page, page.getByRole('button', { name: 'New consult' }))
  await press('Enter')

  await tabTo(page, step(page, /^Areas/))
  await press('Enter')
  await tabTo(page, page.getByRole('button', { name: 'Face' }))
  await press('Enter')
  await tabTo(page, page.getByRole('button', { name: 'Right leg' }))
  await press(' ')
  await expect(page.getByRole('region', { name: 'Legs (right)' })).toBeVisible()
  await tabTo(page, page.getByRole('region', { name: 'Face' }).getByLabel('Fine lines and wrinkles'))
  await press(' ')
  await tabTo(page, page.getByRole('region', { name: 'Face' }).getByLabel('Mild'))
  await press(' ')
  await press('ArrowRight') // radio group: moves to Moderate
  await expect(page.getByRole('region', { name: 'Face' }).getByLabel('Moderate')).toBeChecked()

  await tabTo(page, step(page, /^Screening/))
  await press('Enter')
  await tabTo(page, page.getByRole('group', { name: /cold sores/ }).getByLabel('Yes'))
  await press(' ')
  await expect(page.getByText('Needs your judgement.', { exact: true })).toBeVisible()

  await tabTo(page, step(page, /^Plan/))
  await press('Enter')
  await tabTo(page, page.getByLabel('Consult notes'))
  await page.keyboard.type('All by keyboard.')

  await tabTo(page, step(page, /^Review/))
  await press('Enter')
  await tabTo(page, page.getByLabel('Practitioner', { exact: true }))
  await page.keyboard.type('Nurse Mary Jackson')
  await tabTo(page, page.getByRole('button', { name: 'Sign consult' }))
  await press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Sign this consult?' })
  await expect(dialog).toBeVisible()
  await tabTo(page, dialog.getByLabel('PIN'))
  await page.keyboard.type('2468')
  await press('Enter')
  await expect(page.getByText('Signature check passed')).toBeVisible()
  await expect(page.getByText('All by keyboard.')).toBeVisible()
  await expect(page.getByText(/Fine lines and wrinkles — moderate/)).toBeVisible()
})
