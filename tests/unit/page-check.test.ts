import { randomUUID } from 'node:crypto'
import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DATABASE_FILE_NAME, openDatabase } from '../../db/open'
import { BACKUP_NAME } from '../../electron/contract/maintenance'
import { startService, type Service } from '../../electron/service'
import { backupsDir } from '../../electron/service/backups'
import { checkPagesInBackground } from '../../electron/service/page-check'
import { seed } from '../../scripts/seed-data'
import { makeTempDir } from '../support/temp-dir'

// A large database has its pages read by a worker thread after start, so the start does not
// wait seconds for SQLite's quick_check; that check must still tell a damaged file.

let dir: ReturnType<typeof makeTempDir>
let file: string
beforeEach(() => {
  dir = makeTempDir()
  file = join(dir.path, DATABASE_FILE_NAME)
  const db = openDatabase(file)
  seed(db, 300, 5)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
})
afterEach(() => dir.remove())

/** Scribbles over the second half of the file: the start still reads, later pages do not. */
function damageSecondHalf(): void {
  const fd = openSync(file, 'r+')
  const size = statSync(file).size
  for (let at = Math.floor(size / 2 / 4096) * 4096; at < size; at += 4096)
    writeSync(fd, Buffer.alloc(300, 0x5a), 0, 300, at + 40)
  closeSync(fd)
}

describe('the page check in a worker thread', () => {
  it('passes an intact file', async () => {
    expect(await checkPagesInBackground(file, undefined).result).toBe('ok')
  })

  it('tells a file whose pages were scribbled over', async () => {
    damageSecondHalf()
    expect(await checkPagesInBackground(file, undefined).result).not.toBe('ok')
  })

  /**
   * Resolves once any backup the service has begun is over: a restore (allowed while locked
   * when the database is damaged) waits its turn behind it, then finds no such backup.
   */
  async function maintenanceDone(service: Service): Promise<void> {
    const restore = { name: 'consults-20000101-000000-000-auto.manifest', practitionerId: randomUUID(), pin: '0000' }
    expect(await service.dispatch('backups.restore', restore, {})).toMatchObject({
      ok: false,
      error: { code: 'not_found' }
    })
  }

  /** The health a service started on the file reports once its page check has run, and the backups it made. */
  async function healthAfterCheck(backupExpected: boolean): Promise<{ health: unknown; backups: string[] }> {
    const service = startService({
      dataDir: dir.path,
      info: { name: 't', version: '0', mode: 'browser' },
      checkPagesAtStartUpTo: 0,
      autoBackup: true
    })
    const folder = backupsDir(file)
    const backups = () => (existsSync(folder) ? readdirSync(folder).filter((name) => BACKUP_NAME.test(name)) : [])
    try {
      // The service decides on the start's backup in a callback it put on the page check's
      // promise before this one waits on it, so once this resolves it has decided.
      await service.backgroundChecks()
      if (backupExpected) await vi.waitFor(() => expect(backups()).not.toEqual([]), { timeout: 10_000 })
      else await maintenanceDone(service)
      return { health: await service.dispatch('app.health', undefined, {}), backups: backups() }
    } finally {
      service.close()
    }
  }

  it('of a started service leaves an intact database writable, then backs it up', async () => {
    const { health, backups } = await healthAfterCheck(true)
    expect(health).toMatchObject({ ok: true, value: { writable: true, problems: [] } })
    expect(backups).toHaveLength(1)
  })

  it('of a started service marks damaged pages as damage: no more writes, and no backup of it', async () => {
    damageSecondHalf()
    const { health, backups } = await healthAfterCheck(false)
    expect(health).toMatchObject({ ok: true, value: { writable: false, problems: [expect.stringMatching(/damaged/)] } })
    expect(backups).toEqual([])
  })
})
