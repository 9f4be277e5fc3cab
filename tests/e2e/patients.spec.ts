import { expect, test, unlock } from './fixtures'

test('adds a patient, lists them, and still has them after the server restarts', async ({ page, app }) => {
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible()
  await expect(page.getByText('No patients yet.')).toBeVisible()

  await page.getByRole('link', { name: 'Add patient' }).click()
  await page.getByLabel('Full name').fill('Ada Lovelace')
  await page.getByLabel('Date of birth').fill('1985-12-10')
  await page
    .getByLabel('Skin type (Fitzpatrick)')
    .selectOption({ label: 'Type II — usually burns, tans with difficulty' })
  await page.getByLabel('E-mail').fill('ada@example.com')
  await page.getByRole('button', { name: 'Save patient' }).click()

  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible()
  await expect(page.getByText('ada@example.com')).toBeVisible()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  const list = page.getByRole('list', { name: 'Patients found' })
  await expect(list.getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()

  await app.stop()
  await page.goto(await app.start())
  await unlock(page)
  await expect(
    page.getByRole('list', { name: 'Patients found' }).getByRole('link', { name: /Ada Lovelace/ })
  ).toBeVisible()
})

test('finds a patient by part of the name, and Enter opens the first match', async ({ page }) => {
  for (const name of ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson']) {
    await page.getByLabel('Find or add a patient').fill(name)
    await page.getByLabel('Find or add a patient').press('Enter')
    await page.getByRole('button', { name: 'Save patient' }).click()
    await expect(page.getByRole('heading', { name })).toBeVisible()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  }

  const finder = page.getByLabel('Find or add a patient')
  await finder.fill('hop')
  const list = page.getByRole('list', { name: 'Patients found' })
  await expect(list.getByRole('link')).toHaveCount(1)
  await expect(list.getByRole('link', { name: /Grace Hopper/ })).toBeVisible()

  await finder.press('Enter')
  await expect(page.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible()
})

test('bad input shows a message next to the field and saves nothing', async ({ page }) => {
  await page.getByRole('link', { name: 'Add patient' }).click()
  await page.getByRole('button', { name: 'Save patient' }).click()
  await expect(page.getByRole('alert')).toContainText('The patient was not saved')
  await expect(page.getByText("Enter the patient's full name.")).toBeVisible()
  await expect(page.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Full name')).toBeFocused()

  await page.getByLabel('Full name').fill('Future Person')
  await page.getByLabel('Date of birth').fill('2999-01-01')
  await page.getByRole('button', { name: 'Save patient' }).click()
  await expect(page.getByText('The date of birth cannot be in the future.')).toBeVisible()
  await expect(page.getByLabel('Full name')).toHaveValue('Future Person')

  await page.getByRole('link', { name: 'Cancel' }).click()
  await expect(page.getByText('No patients yet.')).toBeVisible()
})

test('a patient’s details can be edited, recorded in the audit log, and leaving unsaved edits asks first', async ({
  page,
  app
}) => {
  const ada = await app.call<{ id: string }>('patients.create', { fullName: 'Ada Lovelace', phone: '+44 20 7946 0000' })
  await page.reload()
  await unlock(page) // a reload starts locked
  await page.getByRole('link', { name: /Ada Lovelace/ }).click()
  await page.getByRole('button', { name: 'Edit details' }).click()
  await expect(page.getByLabel('Full name')).toHaveValue('Ada Lovelace')
  await expect(page.getByLabel('Phone')).toHaveValue('+44 20 7946 0000')

  await page.getByLabel('E-mail').fill('not an address')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('alert')).toContainText('The changes were not saved')
  await expect(page.getByLabel('E-mail')).toBeFocused()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' })
  await dialog.getByRole('button', { name: 'Stay and keep editing' }).click()

  await page.getByLabel('Full name').fill('Ada King')
  await page.getByLabel('Date of birth').fill('1985-12-10')
  await page.getByLabel('E-mail').fill('ada@example.com')
  await page
    .getByLabel('Skin type (Fitzpatrick)')
    .selectOption({ label: 'Type II — usually burns, tans with difficulty' })
  await page.getByLabel('Notes').fill('Prefers morning appointments.')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Details saved.' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Ada King' })).toBeVisible()
  await expect(page.getByText('Prefers morning appointments.')).toBeVisible()
  await expect(page.getByText('ada@example.com')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Edit details' })).toBeFocused()

  await page.reload()
  await unlock(page) // a reload starts locked
  await expect(page.getByRole('heading', { level: 1, name: 'Ada King' })).toBeVisible()
  const [entry] = await app.call<{ action: string; detail: string }[]>('audit.list', { action: 'patient-edited' })
  expect(entry).toMatchObject({
    action: 'patient-edited',
    detail: 'changed name, date of birth, e-mail, skin type, notes'
  })
  expect(page.url()).toContain(ada.id)

  // Cancel drops the edits without asking.
  await page.getByRole('button', { name: 'Edit details' }).click()
  await page.getByLabel('Full name').fill('Someone Else')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ada King' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Patients' })).toBeVisible()
})

test('the list says how many patients there are and reaches all of them, by scrolling or by the button', async ({
  page,
  app
}) => {
  for (let i = 0; i < 120; i++) await app.call('patients.create', { fullName: `Patient ${String(i).padStart(3, '0')}` })
  await page.reload()
  await unlock(page) // a reload starts locked
  const list = page.getByRole('list', { name: 'Patients found' })
  await expect(page.getByRole('status').filter({ hasText: '120 patients' })).toBeVisible()
  await expect(list.getByRole('listitem')).toHaveCount(50)
  await expect(page.getByText('Showing 50 of 120')).toBeVisible()

  // The button loads the next page (clicked where it is, without scrolling to it)...
  await page.getByRole('button', { name: 'Show more patients' }).evaluate((button: HTMLElement) => button.click())
  await expect(list.getByRole('listitem')).toHaveCount(100)
  await expect(page.getByText('Showing 100 of 120')).toBeVisible()
  // ...and so does scrolling to the end of the list.
  await list.getByRole('listitem').last().scrollIntoViewIfNeeded()
  await expect(list.getByRole('listitem')).toHaveCount(120)
  await expect(list.getByRole('link', { name: /Patient 119/ })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Show more patients' })).toHaveCount(0)

  await page.getByLabel('Find or add a patient').fill('patient 01')
  await expect(page.getByRole('status').filter({ hasText: '10 patients match “patient 01”' })).toBeVisible()
  await expect(list.getByRole('listitem')).toHaveCount(10)
})
