import { addPatient } from './consult-helpers'
import { expect, test } from './fixtures'

test('back up now, change something, restore: the change is gone and the restore is in the audit log', async ({ page }) => {
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
  await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore backup' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Restored the backup from/ })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Backups' }).getByText('Before a restore', { exact: false })).toBeVisible()

  await nav.getByRole('link', { name: 'Patients' }).click()
  const list = page.getByRole('list', { name: 'Patients found' })
  await expect(list.getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()
  await expect(list.getByRole('link', { name: /Grace Hopper/ })).toHaveCount(0)

  await nav.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('table').getByText('Restored a backup')).toBeVisible()
})
