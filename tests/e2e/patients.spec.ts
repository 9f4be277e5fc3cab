import { expect, test, unlock } from './fixtures'

test('adds a patient, lists them, and still has them after the server restarts', async ({ page, app }) => {
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible()
  await expect(page.getByText('No patients yet.')).toBeVisible()

  await page.getByRole('link', { name: 'Add patient' }).click()
  await page.getByLabel('Full name').fill('Ada Lovelace')
  await page.getByLabel('Date of birth').fill('1985-12-10')
  await page.getByLabel('Skin type (Fitzpatrick)').selectOption({ label: 'Type II — usually burns, tans with difficulty' })
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
  await expect(page.getByRole('list', { name: 'Patients found' }).getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()
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
