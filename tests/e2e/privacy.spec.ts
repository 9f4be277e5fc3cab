import { addPatient } from './consult-helpers'
import { expect, PIN, PRACTITIONER, test, unlock } from './fixtures'

test('Lock now hides every patient; only a practitioner’s PIN unlocks', async ({ page }) => {
  await addPatient(page, 'Ada Lovelace')
  await page.getByRole('button', { name: 'Lock now' }).click()
  const lock = page.getByRole('dialog', { name: 'Microneedling Consult is locked' })
  await expect(lock).toBeVisible()
  await expect(page.getByText('Ada Lovelace').filter({ visible: true })).toHaveCount(0)
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)

  await lock.getByLabel('PIN').fill('9999')
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock.getByText('That PIN is not right.')).toBeVisible()
  await lock.getByLabel('PIN').fill(PIN)
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await expect(
    page
      .getByRole('table')
      .getByRole('row', { name: new RegExp(`Unlocked.*${PRACTITIONER}`) })
      .first()
  ).toBeVisible()
})

test('the app locks itself after the idle minutes from Settings', async ({ page, app }) => {
  await page.clock.install()
  await page.goto(app.url)
  await unlock(page)
  await addPatient(page, 'Grace Hopper')
  await page.clock.fastForward('04:00')
  await expect(page.getByRole('heading', { name: 'Grace Hopper' })).toBeVisible()
  await page.clock.fastForward('01:01')
  await expect(page.getByRole('dialog', { name: 'Microneedling Consult is locked' })).toBeVisible()
  await expect(page.getByText('Grace Hopper').filter({ visible: true })).toHaveCount(0)
})

test.describe('first run', () => {
  test.use({ firstRun: true })

  test('asks for the clinic and a first practitioner with a PIN, then opens on Patients', async ({ page }) => {
    await expect(page.getByRole('heading', { name: 'Welcome to Microneedling Consult' })).toBeVisible()
    await page.getByLabel('Clinic name').fill('Harbour Skin Clinic')
    await page.getByLabel('Your name').fill('Dr Amelia Hart')
    await page.getByLabel('PIN (4 to 8 digits)').fill('12')
    await page.getByLabel('PIN again').fill('12')
    await page.getByRole('button', { name: 'Start using the app' }).click()
    await expect(page.getByText('A PIN is 4 to 8 digits.')).toBeVisible()
    await page.getByLabel('PIN (4 to 8 digits)').fill('1357')
    await page.getByLabel('PIN again').fill('1375')
    await page.getByRole('button', { name: 'Start using the app' }).click()
    await expect(page.getByText('The two PINs are not the same.')).toBeVisible()
    await page.getByLabel('PIN again').fill('1357')
    await page.getByRole('button', { name: 'Start using the app' }).click()
    await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible()

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    await expect(page.getByLabel('Clinic name')).toHaveValue('Harbour Skin Clinic')
    await expect(page.getByRole('list', { name: 'Practitioners' })).toContainText('Dr Amelia Hart')
  })
})

test('practitioners are added, and a deactivated one cannot unlock', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Name', { exact: true }).fill('Nurse Kim')
  await page.getByLabel('PIN (4 to 8 digits)').fill('1111')
  await page.getByRole('button', { name: 'Add practitioner' }).click()
  await expect(page.getByText('A PIN is 4 to 8 digits.')).toBeVisible() // the approving PIN is missing
  await page.getByLabel(`Your PIN, ${PRACTITIONER}`).fill(PIN)
  await page.getByRole('button', { name: 'Add practitioner' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Added Nurse Kim.' })).toBeVisible()
  await page.getByLabel(`Your PIN, ${PRACTITIONER}`).fill(PIN)
  await page.getByRole('button', { name: 'Deactivate Nurse Kim' }).click()
  await expect(
    page.getByRole('list', { name: 'Practitioners' }).getByRole('listitem').filter({ hasText: 'Nurse Kim' })
  ).toContainText('Deactivated')

  await page.getByRole('button', { name: 'Lock now' }).click()
  const lock = page.getByRole('dialog', { name: 'Microneedling Consult is locked' })
  await expect(lock.getByLabel('Practitioner').getByRole('option')).toHaveText([PRACTITIONER])
})

test('a reload starts locked, shows no patient, and the token is out of the address bar', async ({ page }) => {
  expect(page.url()).not.toContain('token')
  await addPatient(page, 'Ada Lovelace')
  await page.reload()
  const lock = page.getByRole('dialog', { name: 'Microneedling Consult is locked' })
  await expect(lock).toBeVisible()
  await expect(page.getByText('Ada Lovelace')).toHaveCount(0)
  // The page's own scripts cannot read patients either: the main process answers "locked".
  const answer = await page.evaluate(async () => {
    const token = sessionStorage.getItem('mnc-bridge-token')!
    const response = await fetch('/api/patients.search', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-token': token },
      body: JSON.stringify({ input: { query: '' } })
    })
    return response.json()
  })
  expect(answer).toMatchObject({ ok: false, error: { code: 'locked' } })
  await unlock(page)
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible()
  expect(await page.context().cookies()).toEqual([])
})
