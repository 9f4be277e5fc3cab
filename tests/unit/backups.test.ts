import Database from 'better-sqlite3'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AuditEntry, BackupInfo, Consult, Patient, SettingsState } from '../../electron/contract'
import { backupsDir, backupsToKeep } from '../../electron/service/backups'
import { databaseDigest } from '../support/db-digest'
import { useTestService } from '../support/test-service'

const posix = process.platform !== 'win32'
const mode = (path: string) => statSync(path).mode & 0o777

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
    const backedUp = databaseDigest(backupPath(backup.name), carried)
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
    expect(databaseDigest(backupPath(result.savedFirst.name), carried)).toBe(changed)

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

describe('the retention rule', () => {
  const at = (iso: string, reason: BackupInfo['reason'] = 'auto'): BackupInfo => ({
    name: `${iso}-${reason}`,
    createdAt: iso,
    reason,
    bytes: 1
  })

  it('keeps 3 from today, one a day for 14 days, at most 30, and every copy saved before a restore', () => {
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
