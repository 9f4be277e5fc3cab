import Database from 'better-sqlite3'
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type {
  AuditEntry,
  BackupInfo,
  Consult,
  ConsultRecord,
  ExportedConsult,
  ExportPage,
  Health,
  ImportResult,
  Patient,
  RemovedRecord,
  RestorePreview
} from '../../electron/contract'
import { backupsDir } from '../../electron/service/backups'
import { canonicalJson } from '../../electron/service/consult-hash'
import { consultPayload } from '../../electron/service/record-signature'
import { createHash } from 'node:crypto'
import { hashPin } from '../../electron/service/pins'
import { TestService, useTestService } from '../support/test-service'
import { appendAudit } from '../../db/queries/audit-log'
import type { WritableDB } from '../../db/types'
import { AUDIT_WALK_AT_START, auditAtStart } from '../../electron/service/health'
import { openReadOnly } from '../../db/open'

const ts = useTestService()

/** A consult for a new patient, signed by `signer`. */
async function signedConsult(patientName = 'Ada Lovelace', signer = 'Dr Real'): Promise<Consult> {
  const patient = await ts.call<Patient>('patients.create', { fullName: patientName, dateOfBirth: '1990-12-10' })
  const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
  await ts.call('consults.saveDraft', {
    id: consult.id,
    draft: {
      consultedAt: consult.consultedAt,
      practitioner: signer,
      notes: 'Wants smoother cheeks.',
      areas: [{ areaId: 'face', concerns: ['texture'] }]
    }
  })
  return (await ts.sign(consult.id, signer)).consult
}

/** Closes the service, runs `sql` on the file with a plain connection, and opens the service again. */
async function behindTheApp(run: (raw: Database.Database) => void): Promise<void> {
  await ts.restart(() => {
    const raw = new Database(ts.service.databasePath)
    try {
      run(raw)
    } finally {
      raw.close()
    }
  })
}

const health = () => ts.call<Health>('app.health', undefined)

describe('the database refuses to rewrite history', () => {
  it('refuses INSERT OR REPLACE, REPLACE, UPSERT and DELETE on signed consults, amendments and audit entries', async () => {
    const consult = await signedConsult()
    const amendment = await ts.amend(consult.id, 'Called back.', 'Dr Real')
    await behindTheApp((raw) => {
      const row = (table: string, id: string | number) =>
        raw.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>
      const attempts: [string, string | number, Record<string, unknown>][] = [
        ['consults', consult.id, { notes: 'rewritten' }],
        ['amendments', amendment.id, { text: 'rewritten' }],
        ['audit_log', 1, { actor: 'someone else' }]
      ]
      for (const [table, id, change] of attempts) {
        const original = row(table, id)
        const changed = { ...original, ...change }
        const columns = Object.keys(changed)
        const values = `(${columns.map((c) => `@${c}`).join(', ')})`
        const column = Object.keys(change)[0]!
        for (const sql of [
          `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES ${values}`,
          `REPLACE INTO ${table} (${columns.join(', ')}) VALUES ${values}`,
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT (id) DO UPDATE SET ${column} = excluded.${column}`,
          `UPDATE ${table} SET ${column} = @${column} WHERE id = @id`,
          `DELETE FROM ${table} WHERE id = @id`
        ]) {
          expect(() => raw.prepare(sql).run(changed), sql).toThrow(/cannot be (replaced|changed|deleted)/)
        }
        expect(row(table, id), table).toEqual(original)
      }
    })
    const record = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(record.integrity).toBe('ok')
  })

  it('notices at start when the audit log was dropped and made again, or the schema was altered', async () => {
    await signedConsult()
    await behindTheApp((raw) => {
      const schema = raw
        .prepare<[], string>("SELECT sql FROM sqlite_schema WHERE tbl_name = 'audit_log' AND sql IS NOT NULL")
        .pluck()
        .all()
      raw.exec('DROP TABLE audit_log')
      for (const sql of schema) raw.exec(sql)
    })
    expect((await health()).problems).toEqual([expect.stringMatching(/no longer holds entry \d+/)])

    await behindTheApp((raw) => raw.exec('DROP TRIGGER consults_refuse_overwrite'))
    const damaged = await health()
    expect(damaged.writable).toBe(false)
    expect(damaged.problems).toEqual([expect.stringMatching(/altered outside the app/)])
    expect(await ts.dispatch('patients.create', { fullName: 'Grace Hopper' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringMatching(/Restore the latest good backup/) }
    })
  })

  it('on a damaged file refuses to write, offers the latest good backup, and restores it', async () => {
    await signedConsult()
    const good = await ts.call<BackupInfo>('backups.create', undefined)
    for (let i = 0; i < 40; i++) await ts.call('patients.create', { fullName: `Patient ${i} ${'x'.repeat(150)}` })
    const { openSync, writeSync, closeSync, statSync } = await import('node:fs')
    const real = await ts.practitioner('Dr Real')
    await ts.restart(
      () => {
        // Scribble over the pages after the first: the header still reads, the data does not.
        const fd = openSync(ts.service.databasePath, 'r+')
        const size = statSync(ts.service.databasePath).size
        for (let at = 4096 * 2; at < size; at += 4096) writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, at + 50)
        closeSync(fd)
      },
      { unlock: false }
    ) // nobody can unlock a database that cannot be read
    const damaged = await health()
    expect(damaged).toMatchObject({ writable: false, latestGoodBackup: { name: good.name } })
    // Who may restore it, for the lock screen: the backup's practitioners (the live file cannot say).
    expect(damaged.backupPractitioners).toContainEqual({ id: real, name: 'Dr Real' })
    expect(damaged.problems[0]).toMatch(/damaged/)
    // Nothing is written: the app stays locked, and only a restore is let through.
    expect(await ts.dispatch('patients.create', { fullName: 'Grace Hopper' })).toMatchObject({
      ok: false,
      error: { code: 'locked' }
    })
    expect(await ts.dispatch('backups.create', undefined)).toMatchObject({ ok: false, error: { code: 'locked' } })

    // Locked, since nobody could unlock it: the PIN checked against the backup lets the clinic restore.
    expect(
      await ts.dispatch('backups.restore', { name: good.name, practitionerId: real, pin: TestService.PIN })
    ).toMatchObject({ ok: true })
    expect(await health()).toMatchObject({ writable: true, problems: [] })
    await ts.unlock(real)
    expect(await ts.dispatch('patients.create', { fullName: 'Grace Hopper' })).toMatchObject({ ok: true })
  })

  it('reports a broken audit chain when an entry is removed behind the app', async () => {
    await signedConsult()
    await ts.amend((await signedConsult('Grace Hopper')).id, 'Called back.', 'Dr Real')
    await behindTheApp((raw) => {
      const triggers = raw
        .prepare<[], string>("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .pluck()
        .all()
      raw.exec('DROP TRIGGER audit_log_refuse_delete')
      raw.exec('DELETE FROM audit_log WHERE id = 2')
      for (const sql of triggers.filter((t) => t.includes('audit_log_refuse_delete'))) raw.exec(sql)
    })
    expect((await health()).problems).toEqual([expect.stringMatching(/chain is broken: entry 2 is missing/)])
  })
})

describe('a long audit log', () => {
  it('is walked after start, not during it: an old entry altered behind the app is reported once the walk is done', async () => {
    await signedConsult()
    await behindTheApp((raw) => {
      const db = raw as unknown as WritableDB
      for (let i = 0; i < AUDIT_WALK_AT_START + 500; i++)
        appendAudit(db, { action: 'printed', actor: 'Dr Real', subject: `handout ${i}`, detail: '' })
    })
    await behindTheApp((raw) => {
      const trigger = raw
        .prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'audit_log_refuse_update'")
        .pluck()
        .get()!
      raw.exec("DROP TRIGGER audit_log_refuse_update; UPDATE audit_log SET detail = 'rewritten' WHERE id = 5")
      raw.exec(trigger)
    })
    // At start only the entries after the head recorded last time are read: the altered one is older.
    const raw = openReadOnly(ts.service.databasePath)
    expect(auditAtStart(raw, ts.service.databasePath)).toEqual({ problems: [], walkLater: true })
    raw.close()
    await ts.service.backgroundChecks()
    expect((await health()).problems).toEqual([expect.stringMatching(/chain is broken: entry 5 was altered/)])
  })
})

describe('signatures that cannot be recomputed', () => {
  async function exported(consultId: string): Promise<ExportedConsult> {
    const page = await ts.call<ExportPage>('transfer.exportPage', { patientId: null, offset: 0, limit: 500 })
    return page.items.find((i) => i.consult.id === consultId)!
  }

  /** Imports `items` into a fresh database that already knows the same practitioners and patients as `ts`. */
  async function importElsewhere(items: unknown[]): Promise<ImportResult> {
    return ts.call<ImportResult>('transfer.importBatch', { items })
  }

  it('signs with an Ed25519 key that the export carries, and checks amendments in their chain', async () => {
    const consult = await signedConsult()
    expect(consult.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/)
    await ts.amend(consult.id, 'First correction.', 'Dr Real')
    await ts.amend(consult.id, 'Second correction.', 'Dr Real')
    const item = await exported(consult.id)
    expect(item.keys).toHaveLength(1)
    expect(item.keys[0]).toMatchObject({ practitionerName: 'Dr Real', publicKey: expect.stringMatching(/=$/) })
    expect(JSON.stringify(item)).not.toMatch(/private/i)
    expect((await ts.call<ConsultRecord>('consults.get', { id: consult.id })).integrity).toBe('ok')
  })

  it('refuses on import a forged, a re-keyed and a transplanted consult, naming each and saying why', async () => {
    const real = await signedConsult('Ada Lovelace')
    await ts.amend(real.id, 'Called back.', 'Dr Real')
    const item = await exported(real.id)
    // 1. Content changed and its bare SHA-256 recomputed, as the earlier method allowed.
    const forgedConsult = { ...item.consult, notes: 'Forged notes.' }
    const forgedHash = createHash('sha256')
      .update(
        consultPayload(forgedConsult, item.patient, item.consult.signedAt!, 'Dr Real', item.consult.signingKeyId!, [])
      )
      .digest('hex')
    const forged = { ...item, consult: { ...forgedConsult, contentHash: forgedHash, id: randomUUID() }, amendments: [] }
    // 2. Signed with the forger's own key, which claims to be Dr Real's.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const fakeKey = {
      id: randomUUID(),
      practitionerId: randomUUID(),
      practitionerName: 'Dr Real',
      publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      createdAt: item.consult.signedAt!
    }
    const rekeyedBase = { ...item.consult, id: randomUUID(), notes: 'Forged notes.', signingKeyId: fakeKey.id }
    const rekeyedPayload = consultPayload(rekeyedBase, item.patient, item.consult.signedAt!, 'Dr Real', fakeKey.id, [])
    const rekeyed = {
      ...item,
      keys: [fakeKey],
      amendments: [],
      consult: {
        ...rekeyedBase,
        contentHash: createHash('sha256').update(rekeyedPayload).digest('hex'),
        signature: sign(null, Buffer.from(rekeyedPayload), privateKey).toString('base64')
      }
    }
    const result = await importElsewhere([forged, rekeyed])
    expect(result.added).toBe(0)
    expect(result.refused).toEqual([
      {
        consultId: forged.consult.id,
        patientName: 'Ada Lovelace',
        reason: expect.stringMatching(/signature check failed/)
      },
      {
        consultId: rekeyed.consult.id,
        patientName: 'Ada Lovelace',
        reason: expect.stringMatching(/claims to be Dr Real’s/)
      }
    ])
    for (const refused of result.refused) {
      expect(await ts.dispatch('consults.get', { id: refused.consultId })).toMatchObject({
        ok: false,
        error: { code: 'not_found' }
      })
    }

    // In another clinic's database: 3. the real signed record moved to a patient there;
    // 4. the real record with its amendment's text changed. The untouched record still imports.
    const elsewhere = new TestService({ practitioner: 'Dr Elsewhere' })
    await elsewhere.start()
    try {
      const there = await elsewhere.call<Patient>('patients.create', { fullName: 'Grace Hopper' })
      const transplanted = { ...item, patient: { ...there }, consult: { ...item.consult, patientId: there.id } }
      const amended = { ...item, amendments: item.amendments.map((a) => ({ ...a, text: 'Not what was written.' })) }
      const outcome = await elsewhere.call<ImportResult>('transfer.importBatch', { items: [transplanted, amended] })
      expect(outcome.refused).toEqual([
        {
          consultId: real.id,
          patientName: 'Grace Hopper',
          reason: expect.stringMatching(/signature check failed: the consult, its patient/)
        },
        { consultId: real.id, patientName: 'Ada Lovelace', reason: expect.stringMatching(/amendment 1 differs/) }
      ])
      expect(await elsewhere.call<ImportResult>('transfer.importBatch', { items: [item] })).toEqual({
        added: 1,
        skipped: 0,
        refused: []
      })
      expect((await elsewhere.call<ConsultRecord>('consults.get', { id: real.id })).integrity).toBe('ok')
    } finally {
      elsewhere.stop()
    }
  })

  it('reports a conflicting id by record instead of skipping it', async () => {
    const consult = await signedConsult()
    const item = await exported(consult.id)
    const result = await importElsewhere([{ ...item, consult: { ...item.consult, notes: 'Something else.' } }])
    expect(result).toEqual({
      added: 0,
      skipped: 0,
      refused: [
        { consultId: consult.id, patientName: 'Ada Lovelace', reason: expect.stringMatching(/different consult/) }
      ]
    })
    expect(await importElsewhere([item])).toEqual({ added: 0, skipped: 1, refused: [] })
  })

  it('shows a mismatch when the patient’s identity or an amendment is changed behind the app', async () => {
    const consult = await signedConsult()
    await ts.amend(consult.id, 'Called back.', 'Dr Real')
    await behindTheApp((raw) =>
      raw.prepare("UPDATE patients SET full_name = 'Someone Else' WHERE id = ?").run(consult.patientId)
    )
    expect(await ts.call<ConsultRecord>('consults.get', { id: consult.id })).toMatchObject({ integrity: 'mismatch' })

    const second = await signedConsult('Grace Hopper')
    await behindTheApp((raw) =>
      raw
        .prepare(
          "INSERT INTO amendments (id, consult_id, author, text, created_at) VALUES (?, ?, 'Dr Real', 'Slipped in.', ?)"
        )
        .run(randomUUID(), second.id, new Date().toISOString())
    )
    expect(await ts.call<ConsultRecord>('consults.get', { id: second.id })).toMatchObject({
      integrity: 'mismatch',
      integrityProblem: 'amendment 1 is not signed'
    })
  })

  it('shows a consult signed before signing keys as signed with the earlier method, checked by its hash', async () => {
    const consult = await signedConsult()
    const { hashSignedContent } = await import('../../electron/service/consult-hash')
    await behindTheApp((raw) => {
      // What a consult signed by the earlier version looks like: a content hash, no signature.
      raw.exec('DROP TRIGGER consults_refuse_update')
      const legacy = hashSignedContent(consult, consult.signedAt!, consult.signedBy!)
      raw
        .prepare('UPDATE consults SET signature = NULL, signing_key_id = NULL, content_hash = ? WHERE id = ?')
        .run(legacy, consult.id)
    })
    expect((await ts.call<ConsultRecord>('consults.get', { id: consult.id })).integrity).toBe('earlier-method')
  })

  it('keeps the key across a PIN change, and a PIN reset gives a new key while old signatures still check', async () => {
    const first = await signedConsult('Ada Lovelace')
    const id = await ts.practitioner('Dr Real')
    await ts.call('practitioners.changePin', { id, currentPin: TestService.PIN, newPin: '1357' })
    await ts.call('practitioners.changePin', { id, currentPin: '1357', newPin: TestService.PIN })
    const second = await signedConsult('Grace Hopper')
    expect(second.signingKeyId).toBe(first.signingKeyId)

    // A PIN set without the old one (a forgotten PIN): the old key can no longer be opened.
    const newHash = await hashPin('9999')
    await behindTheApp((raw) => raw.prepare('UPDATE practitioners SET pin_hash = ? WHERE id = ?').run(newHash, id))
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Katherine Johnson' })
    const draft = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.call('consults.saveDraft', {
      id: draft.id,
      draft: { consultedAt: draft.consultedAt, practitioner: 'Dr Real', noAreasNote: 'Information only' }
    })
    const third = await ts.call<ConsultRecord>('consults.sign', { id: draft.id, practitionerId: id, pin: '9999' })
    expect(third.consult.signingKeyId).not.toBe(first.signingKeyId)
    expect(third.integrity).toBe('ok')
    expect((await ts.call<ConsultRecord>('consults.get', { id: first.id })).integrity).toBe('ok')
  })

  it('hashes canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { c: 2, b: [{ z: 1, y: 2 }] } })).toBe('{"a":{"b":[{"y":2,"z":1}],"c":2},"b":1}')
  })
})

describe('restores that take nothing away unseen', () => {
  const backUp = () => ts.call<BackupInfo>('backups.create', undefined)

  it('needs a PIN, and says first what the restore will take away', async () => {
    await ts.practitioner('Dr Real')
    const before = await backUp()
    await signedConsult()
    const preview = await ts.call<RestorePreview>('backups.preview', { name: before.name })
    expect(preview).toMatchObject({ consultsRemoved: 1, signedRemoved: 1, amendmentsRemoved: 0, draftsChanged: 0 })
    const id = await ts.practitioner('Dr Real')
    expect(await ts.dispatch('backups.restore', { name: before.name })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' }
    })
    expect(await ts.dispatch('backups.restore', { name: before.name, practitionerId: id, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
  })

  it('nine backup calls cannot erase a signed consult: it stays in "removed by restore", the audit log and a kept copy', async () => {
    await ts.practitioner('Dr Real')
    const older = await backUp()
    const consult = await signedConsult()
    await ts.amend(consult.id, 'Called back.', 'Dr Real')

    // The attack: restore an older backup, make three backups, restore five times.
    const first = await ts.restore(older.name, 'Dr Real')
    expect(first.removed).toMatchObject({ signedRemoved: 1, amendmentsRemoved: 1 })
    const made = [await backUp(), await backUp(), await backUp()]
    for (const backup of [...made, ...made].slice(0, 5)) await ts.restore(backup.name, 'Dr Real')

    expect(await ts.dispatch('consults.get', { id: consult.id })).toMatchObject({ ok: false })
    const removed = await ts.call<RemovedRecord[]>('backups.removed', undefined)
    expect(removed).toHaveLength(1)
    expect(removed[0]).toMatchObject({ consultId: consult.id, patientName: 'Ada Lovelace', restoredBackup: older.name })
    expect(removed[0]!.record.amendments.map((a) => a.text)).toEqual(['Called back.'])

    // The archived record imports back whole, its signatures intact.
    expect(await ts.call<ImportResult>('transfer.importBatch', { items: [removed[0]!.record] })).toMatchObject({
      added: 1,
      refused: []
    })
    expect((await ts.call<ConsultRecord>('consults.get', { id: consult.id })).integrity).toBe('ok')

    // The log was carried forward through every restore, its chain whole.
    const log = await ts.call<AuditEntry[]>('audit.list', { limit: 1000 })
    expect(log.filter((e) => e.action === 'signed')).toHaveLength(1)
    expect(log.filter((e) => e.action === 'restored')).toHaveLength(6)
    expect((await health()).problems).toEqual([])

    // Every copy saved before a restore is kept.
    const backups = await ts.call<BackupInfo[]>('backups.list', undefined)
    expect(backups.filter((b) => b.reason === 'before-restore')).toHaveLength(6)
  })

  it('refuses a look-alike backup on a private copy: the live files stay byte-identical and nothing is left behind', async () => {
    await ts.practitioner('Dr Real')
    await signedConsult()
    await backUp()
    const dir = backupsDir(ts.service.databasePath)
    const name = 'consults-20260101-120000-000-manual.sqlite'
    const fake = new Database(`${dir}/${name}`)
    fake.exec(
      'CREATE TABLE patients (id TEXT PRIMARY KEY); CREATE TABLE consults (id TEXT PRIMARY KEY); PRAGMA user_version = 60'
    )
    fake.close()
    const files = () => readdirSync(dir).sort()
    const listed = files()
    const { readFileSync } = await import('node:fs')
    const bytes = () =>
      createHash('sha256')
        .update(readFileSync(ts.service.databasePath))
        .update(readFileSync(`${ts.service.databasePath}-wal`))
        .digest('hex')
    const before = bytes()
    expect(await ts.restoreResult(name, 'Dr Real')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/tables, indexes or triggers differ/) }
    })
    expect(bytes()).toBe(before)
    expect(files()).toEqual(listed)
    expect(await ts.call<Patient[]>('patients.search', { query: '' })).toHaveLength(1)
  })
})

describe('draft saves carry a version', () => {
  it('refuses a save made from an older version with a clear message, and keeps the newer draft', async () => {
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    const save = (baseUpdatedAt: string, notes: string) =>
      ts.dispatch('consults.saveDraft', {
        id: consult.id,
        baseUpdatedAt,
        draft: { consultedAt: consult.consultedAt, notes }
      })
    // Two saves made from the same version, the newer one arriving first.
    const newer = await save(consult.updatedAt, 'newer')
    expect(newer).toMatchObject({ ok: true })
    const older = await save(consult.updatedAt, 'older, arriving late')
    expect(older).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(/changed elsewhere.*newer draft has been loaded/),
        fields: { stale: expect.any(String) }
      }
    })
    const record = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(record.consult.notes).toBe('newer')
    // Saving on from the version the first save returned works, and versions only go up.
    const next = await save((newer as { value: { updatedAt: string } }).value.updatedAt, 'next')
    expect(next).toMatchObject({ ok: true })
    expect((next as { value: { updatedAt: string } }).value.updatedAt > record.consult.updatedAt).toBe(true)
  })
})
