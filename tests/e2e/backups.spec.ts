import { addPatient, signWithPin, step } from './consult-helpers'
import { expect, PIN, test } from './fixtures'

test('back up now, change something, restore: the change is gone and the restore is in the audit log', async ({
  page
}) => {
  await addPatient(page, 'Ada Lovelace')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Backed up at/ })).toBeVisible()
  const made = page.getByRole('list', { name: 'Backups' }).getByRole('listitem').filter({ hasText: 'Made by hand' })
  await expect(made).toHaveCount(1)

  await addPatient(page, 'Grace Hopper')
  await nav.getByRole('link', { name: 'Settings' }).click()
  await made.getByRole('button', { name: /^Restore the backup from/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' })
  await dialog.getByLabel('PIN').fill(PIN)
  await dialog.getByRole('button', { name: 'Restore backup' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Restored the backup from/ })).toBeVisible()
  await expect(
    page.getByRole('list', { name: 'Backups' }).getByText('Before a restore', { exact: false })
  ).toBeVisible()

  await nav.getByRole('link', { name: 'Patients' }).click()
  const list = page.getByRole('list', { name: 'Patients found' })
  await expect(list.getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()
  await expect(list.getByRole('link', { name: /Grace Hopper/ })).toHaveCount(0)

  await nav.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('table').getByText('Restored a backup')).toBeVisible()
})

test('a restore says what it takes away, needs a PIN, and keeps the signed consult it removes', async ({
  page
}, testInfo) => {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Backed up at/ })).toBeVisible()

  await addPatient(page, 'Ada Lovelace')
  await page.getByRole('button', { name: 'New consult' }).click()
  await step(page, /^Areas/).click()
  await page.getByRole('button', { name: 'Neck' }).click()
  await step(page, /^Review/).click()
  await page.getByRole('button', { name: 'Sign consult' }).click()
  await signWithPin(page)
  await expect(page.getByText('Signature check passed')).toBeVisible()

  await nav.getByRole('link', { name: 'Settings' }).click()
  const made = page.getByRole('list', { name: 'Backups' }).getByRole('listitem').filter({ hasText: 'Made by hand' })
  await made.getByRole('button', { name: /^Restore the backup from/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' })
  await expect(dialog.getByText('1 consult made since the backup')).toBeVisible()
  await expect(dialog.getByText('1 of them signed')).toBeVisible()
  await dialog.getByLabel('PIN').fill('0000')
  await dialog.getByRole('button', { name: 'Restore backup' }).click()
  await expect(dialog.getByText('That PIN is not right.')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('restore-dialog.png') })
  await dialog.getByLabel('PIN').fill(PIN)
  await dialog.getByRole('button', { name: 'Restore backup' }).click()
  await expect(page.getByRole('status').filter({ hasText: /listed under “Removed by a restore”/ })).toBeVisible()

  const removed = page.getByRole('list', { name: 'Removed by a restore' })
  await expect(removed.getByText('Consult of Ada Lovelace', { exact: false })).toBeVisible()
  await removed.scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('removed-by-restore.png'), fullPage: true })
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export as JSON' }).click()
  expect((await download).suggestedFilename()).toMatch(/^Removed by a restore \d{4}-\d{2}-\d{2}\.json$/)
})
