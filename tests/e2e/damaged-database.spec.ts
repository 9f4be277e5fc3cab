import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { expect, PIN, PRACTITIONER, test, unlock } from './fixtures'

/** Scribbles over every page after the second, as a failing disk would: the header still reads, the data does not. */
function damage(path: string): void {
  const fd = openSync(path, 'r+')
  const size = statSync(path).size
  for (let at = 4096 * 2; at < size; at += 4096) writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, at + 50)
  closeSync(fd)
}

test('on a damaged database the lock screen says so, restores the latest good backup with a PIN, then unlocks', async ({
  app,
  page
}, testInfo) => {
  await app.call('patients.create', { fullName: 'Ada Lovelace' })
  await app.call('backups.create')
  for (let i = 0; i < 40; i++) await app.call('patients.create', { fullName: `Patient ${i} ${'x'.repeat(150)}` })
  await app.stop()
  damage(join(app.dataDir, 'consults.sqlite'))
  await page.goto(await app.start())

  const lock = page.getByRole('dialog', { name: 'Microneedling Consult is locked' })
  const damaged = lock.getByRole('region', { name: 'The database file is damaged' })
  await expect(damaged).toContainText('the app will not write anything more to it')
  await expect(lock.getByRole('button', { name: 'Unlock' })).toHaveCount(0)
  for (const size of [
    { width: 1280, height: 800 },
    { width: 768, height: 1024 }
  ]) {
    await page.setViewportSize(size)
    await page.screenshot({ path: testInfo.outputPath(`damaged-lock-${size.width}x${size.height}.png`) })
  }
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

  await expect(damaged.getByLabel('Practitioner (as in the backup)')).toHaveValue(/./)
  await expect(damaged.getByRole('option', { name: PRACTITIONER })).toBeAttached()
  const restore = damaged.getByRole('button', { name: /^Restore the backup from / })
  await damaged.getByLabel('PIN').fill('1357')
  await restore.click()
  await expect(damaged.getByRole('alert')).toContainText(/PIN/)

  await damaged.getByLabel('PIN').fill(PIN)
  await restore.click()
  await expect(lock.getByRole('status')).toContainText(/The backup from .* is back in place/)
  await expect(damaged).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('restored-lock.png') })
  await unlock(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  await expect(page.getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()
  await expect(page.getByText(/Patient 0 x/)).toHaveCount(0) // made after the backup
})

test('a database altered outside the app can still be unlocked to read the records as they are', async ({
  app,
  page
}) => {
  await app.call('patients.create', { fullName: 'Ada Lovelace' })
  await app.call('backups.create')
  await app.stop()
  const raw = new Database(join(app.dataDir, 'consults.sqlite'))
  raw.exec('DROP TRIGGER consults_refuse_overwrite')
  raw.close()
  await page.goto(await app.start())

  const lock = page.getByRole('dialog', { name: 'Microneedling Consult is locked' })
  await expect(lock.getByRole('region', { name: 'The database file is damaged' })).toContainText(
    'altered outside the app'
  )
  await expect(lock.getByRole('button', { name: /^Restore the backup from / })).toBeVisible()
  await expect(lock).toContainText('Or unlock to read the records as they are')
  await lock.locator('#unlock-pin').fill(PIN)
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock).toHaveCount(0)
  await expect(page.getByRole('alert').filter({ hasText: 'failed its check at start' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
  await expect(page.getByRole('link', { name: /Ada Lovelace/ })).toBeVisible()
})
