import Database from 'better-sqlite3'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/open'
import type { WritableDB } from '../../db/types'
import type { AuditEntry, BackupInfo, Consult, Patient, SettingsState } from '../../electron/contract'
import { backupsDir, backupsToKeep, createBackup } from '../../electron/service/backups'
import { assemble, readManifest } from '../../electron/service/chunk-store'
import { liveDatabase } from '../../electron/service/db-snapshot'
import { databaseDigest } from '../support/db-digest'
import { makeTempDir } from '../support/temp-dir'
import { useTestService } from '../support/test-service'

const posix = process.platform !== 'win32'
const mode = (path: string) => statSync(path).mode & 0o777

/** The database a backup holds, reassembled into a temporary file (removed after the test). */
const scratch: ReturnType<typeof makeTempDir>[] = []
afterEach(() => scratch.splice(0).forEach((dir) => dir.remove()))
function reassembled(backupPath: string): string {
  const dir = makeTempDir()
  scratch.push(dir)
  const file = join(dir.path, 'backup.sqlite')
  assemble(join(backupPath, '..'), readManifest(backupPath)!, file)
  return file
}

describe('backups', () => {
  const ts = useTestService()
  const backupPath = (name: string) => join(backupsDir(ts.service.databasePath), name)

  // What a restore carries forward on purpose rather than rolling back.
  const carried = ['audit_log', 'signing_keys', 'removed_by_restore']

  it('restore gives back exactly the data that was backed up, after saving a copy of the present', async () => {
    await ts.practitioner('Dr Grace Hopper')
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, notes: 'before the backup' }
    })
    const backup = await ts.call<BackupInfo>('backups.create', undefined)
    const backedUp = databaseDigest(reassembled(backupPath(backup.name)), carried)
    expect(databaseDigest(ts.service.databasePath, carried)).toBe(backedUp)

    await ts.call('patients.create', { fullName: 'Grace Hopper' })
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, notes: 'after the backup' }
    })
    const changed = databaseDigest(ts.service.databasePath, carried)

    const result = await ts.restore(backup.name)
    expect(databaseDigest(ts.service.databasePath, carried)).toBe(backedUp)
    expect(result.savedFirst.reason).toBe('before-restore')
    expect(databaseDigest(reassembled(backupPath(result.savedFirst.name)), carried)).toBe(changed)

    // The service works on the restored file at once, search included.
    expect((await ts.call<Patient[]>('patients.search', { query: '' })).map((p) => p.fullName)).toEqual([
      'Ada Lovelace'
    ])
    const names = (await ts.call<BackupInfo[]>('backups.list', undefined)).map((b) => b.name)
    expect(names).toEqual(expect.arrayContaining([backup.name, result.savedFirst.name]))
    const audit = await ts.call<AuditEntry[]>('audit.list', {})
    expect(audit[0]).toMatchObject({ action: 'restored', subject: backup.name })

    // And the restore can itself be undone.
    await ts.restore(result.savedFirst.name)
    expect(databaseDigest(ts.service.databasePath, carried)).toBe(changed)
  })

  it.each([
    ['a damaged file', () => Buffer.from('SQLite format 3\0 this is not really a database')],
    ['a file of another app', () => 'other']
  ])('refuses %s with a clear message and changes nothing', async (_, make) => {
    await ts.call('patients.create', { fullName: 'Ada Lovelace' })
    await ts.practitioner('Dr Grace Hopper')
    const name = 'consults-20260101-120000-000-manual.sqlite'
    const path = backupPath(name)
    await ts.call<BackupInfo>('backups.create', undefined) // makes the folder
    const content = make()
    if (content === 'other') {
      const other = new Database(path)
      other.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT); PRAGMA user_version = 3')
      other.close()
    } else {
      writeFileSync(path, content)
    }
    const before = databaseDigest(ts.service.databasePath)
    const result = await ts.restoreResult(name)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/cannot be restored.*Nothing was changed/) }
    })
    expect(databaseDigest(ts.service.databasePath)).toBe(before)
  })

  it('refuses names that are not backups, such as paths', async () => {
    for (const name of ['../consults.sqlite', '/etc/passwd', 'consults.sqlite']) {
      expect(await ts.restoreResult(name)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
  })

  it.runIf(posix)('keeps the database, its WAL and the backups readable by their owner only', async () => {
    await ts.call('patients.create', { fullName: 'Ada Lovelace' })
    const backup = await ts.call<BackupInfo>('backups.create', undefined)
    const db = ts.service.databasePath
    for (const path of [db, `${db}-wal`, `${db}-shm`, backupPath(backup.name)]) expect(mode(path), path).toBe(0o600)
    expect(mode(ts.dataDir)).toBe(0o700)
  })
})

describe('chunked backups', () => {
  const ts = useTestService()
  const connections: WritableDB[] = []
  afterEach(() => connections.splice(0).forEach((db) => db.close()))

  /** Backs up through a second connection of the live file, in 4 KiB chunks, dated `now`, with no size floor. */
  function backUp(reason: BackupInfo['reason'] = 'auto', now = new Date()): Promise<BackupInfo> {
    const path = ts.service.databasePath
    const db = openDatabase(path)
    connections.push(db)
    return createBackup(liveDatabase(db, path, undefined), path, reason, { now, chunkBytes: 4096, floorBytes: 0 })
  }
  const dir = () => backupsDir(ts.service.databasePath)
  /** Every file under the backups folder, with its size. */
  const files = (): Map<string, number> =>
    new Map(
      readdirSync(dir(), { recursive: true, encoding: 'utf8' })
        .map((name) => [name, statSync(join(dir(), name))] as const)
        .filter(([, stat]) => stat.isFile())
        .map(([name, stat]) => [name, stat.size])
    )
  const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0)
  const someConsults = async (n: number, notes: string) => {
    const patient = await ts.call<Patient>('patients.create', { fullName: `Patient ${notes}` })
    for (let i = 0; i < n; i++) {
      const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
      await ts.call('consults.saveDraft', {
        id: consult.id,
        draft: { consultedAt: consult.consultedAt, notes: `${notes} ${i} ${'x'.repeat(400)}` }
      })
    }
  }

  it('a backup of an unchanged database writes nothing: no new file, no new byte; a changed one writes only changed chunks', async () => {
    await someConsults(40, 'first')
    const first = await backUp()
    const before = files()
    const again = await backUp('auto', new Date(Date.now() + 60_000))
    expect(again.name).toBe(first.name)
    expect(files()).toEqual(before)
    expect(await backUp('manual', new Date(Date.now() + 120_000))).toEqual(first)
    expect(files()).toEqual(before)

    await ts.call('patients.create', { fullName: 'Grace Hopper' })
    const changed = await backUp('auto', new Date(Date.now() + 180_000))
    expect(changed.name).not.toBe(first.name)
    const after = files()
    expect(after.size).toBeGreaterThan(before.size)
    const added = total(after) - total(before)
    expect(added).toBeGreaterThan(0)
    // Only the chunks that changed, not another copy of the database.
    expect(added).toBeLessThan(changed.bytes / 2)
    expect(databaseDigest(reassembled(join(dir(), changed.name)))).toBe(databaseDigest(ts.service.databasePath))
  })

  it('reads the database file while the app goes on writing: the image it reads never changes', async () => {
    await someConsults(20, 'before')
    const path = ts.service.databasePath
    const db = openDatabase(path)
    connections.push(db)
    const source = liveDatabase(db, path, undefined)
    const digestBefore = databaseDigest(path)
    const backup = await createBackup(
      {
        file: path,
        hold: (read) =>
          source.hold(async (version) => {
            const image = databaseDigest(path)
            // Writes, and checkpoints that would copy them into the main file: they wait in the WAL.
            await someConsults(20, 'during')
            db.pragma('wal_checkpoint(PASSIVE)')
            const result = await read(version)
            expect(databaseDigest(path)).not.toBe(image)
            return result
          })
      },
      path,
      'auto',
      { chunkBytes: 4096 }
    )
    expect(databaseDigest(reassembled(join(dir(), backup.name)))).toBe(digestBefore)
    expect(databaseDigest(path)).not.toBe(digestBefore)
  })

  it.each([
    ['an emptied', (chunk: string) => writeFileSync(chunk, '')],
    ['a rewritten', (chunk: string) => writeFileSync(chunk, 'not the bytes it was')]
  ])('refuses a backup with %s chunk with a clear message, and the live file stays untouched', async (_, spoil) => {
    await someConsults(5, 'kept')
    const backup = await ts.call<BackupInfo>('backups.create', undefined)
    const manifest = readManifest(join(dir(), backup.name))!
    spoil(join(dir(), 'chunks', manifest.chunks[Math.floor(manifest.chunks.length / 2)]!))
    const before = databaseDigest(ts.service.databasePath)
    expect(await ts.restoreResult(backup.name)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(
          /^That backup cannot be restored: part \d+ of \d+ is damaged\. Nothing was changed\.$/
        )
      }
    })
    expect(databaseDigest(ts.service.databasePath)).toBe(before)
  })

  it('refuses a backup whose chunk was deleted, saying it is missing', async () => {
    await someConsults(5, 'kept')
    const backup = await ts.call<BackupInfo>('backups.create', undefined)
    const manifest = readManifest(join(dir(), backup.name))!
    const { rmSync } = await import('node:fs')
    rmSync(join(dir(), 'chunks', manifest.chunks[0]!))
    expect(await ts.restoreResult(backup.name)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/part 1 of \d+ is missing\. Nothing was changed/) }
    })
  })

  it('still lists and restores a whole-file backup made by an earlier version', async () => {
    await ts.call('patients.create', { fullName: 'Ada Lovelace' })
    await ts.call<BackupInfo>('backups.create', undefined) // makes the folder
    const name = 'consults-20260101-120000-000-manual.sqlite'
    const db = openDatabase(ts.service.databasePath)
    connections.push(db)
    await db.backup(join(dir(), name))
    const digest = databaseDigest(join(dir(), name), ['audit_log', 'signing_keys', 'removed_by_restore'])
    const listed = (await ts.call<BackupInfo[]>('backups.list', undefined)).find((b) => b.name === name)
    expect(listed).toMatchObject({ reason: 'manual', createdAt: '2026-01-01T12:00:00.000Z' })
    await ts.call('patients.create', { fullName: 'Grace Hopper' })
    await ts.restore(name)
    expect(databaseDigest(ts.service.databasePath, ['audit_log', 'signing_keys', 'removed_by_restore'])).toBe(digest)
  })

  it('keeps at most 30 backups in all: of 35 saved before restores, the newest 30', async () => {
    const start = Date.now()
    const made: string[] = []
    for (let i = 0; i < 35; i++) made.push((await backUp('before-restore', new Date(start + i * 60_000))).name)
    const listed = (await ts.call<BackupInfo[]>('backups.list', undefined)).map((b) => b.name)
    expect(listed).toHaveLength(30)
    expect(listed.sort()).toEqual(made.slice(5).sort())
  })

  it('keeps all backups within 3 times the database size, however much changes each day', async () => {
    const day = 86_400_000
    const start = Date.now() - 20 * day
    for (let d = 0; d < 20; d++) {
      // A day that rewrites most of the file: without the limit, 17 nearly whole copies are kept.
      await someConsults(15, `day ${d}`)
      const db = new Database(ts.service.databasePath)
      db.exec("UPDATE consults SET notes = notes || '.' WHERE status = 'draft'")
      db.close()
      await backUp('auto', new Date(start + d * day))
      const size = statSync(ts.service.databasePath).size
      expect(total(files()), `day ${d}`).toBeLessThanOrEqual(3 * size)
    }
    // And the newest is always kept.
    expect((await ts.call<BackupInfo[]>('backups.list', undefined)).length).toBeGreaterThanOrEqual(1)
  }, 60_000)
})

describe('the retention rule', () => {
  const at = (iso: string, reason: BackupInfo['reason'] = 'auto'): BackupInfo => ({
    name: `${iso}-${reason}`,
    createdAt: iso,
    reason,
    bytes: 1
  })

  it('keeps 3 from today, one a day for 14 days, and the copies saved before a restore', () => {
    const now = new Date('2026-11-24T18:00:00Z')
    const today = ['17', '15', '13', '11', '09'].map((h) => at(`2026-11-24T${h}:00:00.000Z`))
    const earlier = Array.from({ length: 20 }, (_, i) => [
      at(`${new Date(now.getTime() - (i + 1) * 86_400_000).toISOString().slice(0, 10)}T16:00:00.000Z`),
      at(`${new Date(now.getTime() - (i + 1) * 86_400_000).toISOString().slice(0, 10)}T08:00:00.000Z`)
    ]).flat()
    const restores = Array.from({ length: 7 }, (_, i) => at(`2026-10-0${i + 1}T10:00:00.000Z`, 'before-restore'))
    const keep = backupsToKeep([...today, ...earlier, ...restores], now)
    expect(today.filter((b) => keep.has(b.name))).toHaveLength(3)
    expect(earlier.filter((b) => keep.has(b.name))).toHaveLength(14)
    expect(earlier.filter((b) => keep.has(b.name)).every((b) => b.createdAt.endsWith('T16:00:00.000Z'))).toBe(true)
    expect(restores.filter((b) => keep.has(b.name))).toHaveLength(7)
  })
})

describe('the audit log', () => {
  const ts = useTestService()

  it('records signing, amending and printing, and cannot be rewritten', async () => {
    const { settings } = await ts.call<SettingsState>('settings.get', undefined)
    await ts.call('settings.save', { ...settings, clinicName: 'Harbour Skin Clinic', phone: '+44 117 496 0000' })
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, practitioner: 'Dr Hart', noAreasNote: 'Info only' }
    })
    await ts.sign(consult.id)
    await ts.amend(consult.id, 'Called back.', 'Nurse Kim')
    await ts.call('handouts.record', { consultId: consult.id, paper: 'A4', action: 'print' })
    const entries = await ts.call<AuditEntry[]>('audit.list', {})
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['printed', 'Dr Grace Hopper'], // whoever signed is the consult's one practitioner
      ['amended', 'Nurse Kim'],
      ['practitioner-added', 'Dr Grace Hopper'], // Nurse Kim, added by the practitioner working
      ['signed', 'Dr Grace Hopper'],
      ['set-up', 'Dr Grace Hopper']
    ])
    expect(entries[3]!.subject).toContain('Ada Lovelace')
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      expect(() => raw.exec("UPDATE audit_log SET actor = 'someone else'")).toThrow(/cannot be changed/)
      expect(() => raw.exec('DELETE FROM audit_log')).toThrow(/cannot be deleted/)
      raw.close()
    })
  })
})
