import Database from 'better-sqlite3'
import { createHash, createPublicKey, scryptSync, verify, type KeyObject } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { openDatabase } from '../../db/open'
import { consultToRow, rowToConsult, type ConsultRow } from '../../db/queries/consults'
import { fastMatchExpression } from '../../db/queries/consult-search'
import type { ReadableDB } from '../../db/types'
import {
  flagCounts,
  type ConsultRecord,
  type BackupInfo,
  type Practitioner,
  type Result,
  type SavedDraft
} from '../../electron/contract'
import { startService } from '../../electron/service'
import { hashSignedContent } from '../../electron/service/consult-hash'
import { signConsult } from '../../electron/service/consults'
import { PinGuard } from '../../electron/service/pins'
import { verifyPin } from '../../electron/service/practitioners'
import { signBytes, unlockSigningKey } from '../../electron/service/signing-keys'
import { consultPayload, type RecordPhoto } from '../../electron/service/record-signature'
import { TOOL_PIN, unlockedCalls } from '../tool-session'
import { nextTurn, nth, pair, type Row } from './measure'

export const BENCH_PRACTITIONER = 'Dr Bench Marker'
const SERVICE_INFO = { name: 'bench', version: '0', mode: 'browser' } as const

// The list's order: newest first, then as consults_for_listing holds them.
const ORDER = 'ORDER BY consulted_at DESC, status DESC, flag_count DESC'
const ALSO_CONCERN = "instr(concerns, '|' || @concern || '|') > 0"
const TAGGED = (kind: string) =>
  `SELECT consult_rowid AS rowid FROM consult_tags t WHERE kind = '${kind}' AND value = @${kind}`

/**
 * Each list row's bare baseline: the one query a person would write by hand for that filter
 * (same page, same "count up to 1,001" rule), then the same 50 rows read with their text.
 */
const LIST_CASES = [
  { name: 'no filter (the screen opens)', input: {}, sql: `SELECT rowid FROM consults ${ORDER}, rowid DESC` },
  { name: 'area', input: { areaId: 'face' }, sql: `${TAGGED('area')} ${ORDER}, consult_rowid DESC` },
  { name: 'concern', input: { concernId: 'acne-scars' }, sql: `${TAGGED('concern')} ${ORDER}, consult_rowid DESC` },
  {
    name: 'status (drafts)',
    input: { status: 'draft' },
    sql: `SELECT rowid FROM consults WHERE status = @status ${ORDER}, rowid DESC`
  },
  {
    name: 'flagged',
    input: { flagged: true },
    sql: `SELECT rowid FROM consults WHERE flag_count > 0 ${ORDER}, rowid DESC`
  },
  {
    name: 'dates (one month)',
    input: { from: '2024-03-01T00:00:00.000Z', to: '2024-04-01T00:00:00.000Z' },
    sql: `SELECT rowid FROM consults WHERE consulted_at >= @from AND consulted_at < @to ${ORDER}, rowid DESC`
  },
  {
    name: 'do not treat today',
    input: { doNotTreat: true },
    sql: `SELECT rowid FROM consults WHERE do_not_treat_count > 0 ${ORDER}, rowid DESC`
  },
  {
    name: 'consent missing',
    input: { consentMissing: true },
    sql: `SELECT consult_rowid AS rowid FROM consult_consent_state WHERE missing = 1 ${ORDER}, consult_rowid DESC`
  },
  {
    name: 'area + concern',
    input: { areaId: 'face', concernId: 'acne-scars' },
    sql: `${TAGGED('area')} AND ${ALSO_CONCERN} ${ORDER}, consult_rowid DESC`
  },
  {
    name: 'all five (area, concern, signed, flagged, one year)',
    input: {
      areaId: 'face',
      concernId: 'acne-scars',
      status: 'signed',
      flagged: true,
      from: '2024-01-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z'
    },
    sql: `${TAGGED('area')} AND +status = @status AND flag_count > 0 AND consulted_at >= @from AND consulted_at < @to
      AND ${ALSO_CONCERN} ${ORDER}, consult_rowid DESC`
  }
] as const

// s.rowid, qualified: a bare `rowid` here would name the result column and sort every match.
const SEARCH_PAGE = `SELECT s.consult_rowid AS rowid FROM consult_search s WHERE consult_search MATCH @match ORDER BY s.rowid DESC`
const ROWS = `
  SELECT c.rowid, c.id, c.patient_id, c.consulted_at, c.practitioner, c.areas, c.status, c.flag_count,
    p.full_name, s.concerns, s.notes, s.amendments
  FROM consults c JOIN patients p ON p.id = c.patient_id
    JOIN consult_search_keys k ON k.consult_rowid = c.rowid JOIN consult_search s ON s.rowid = k.search_rowid
  WHERE c.rowid IN (SELECT value FROM json_each(?))`

/** Parameters of a list case, as the hand-written SQL names them. */
function listParams(input: Record<string, unknown>): Record<string, unknown> {
  const names: Record<string, string> = {
    areaId: 'area',
    concernId: 'concern',
    status: 'status',
    from: 'from',
    to: 'to'
  }
  return Object.fromEntries(Object.entries(input).flatMap(([key, value]) => (names[key] ? [[names[key], value]] : [])))
}

export interface DatabaseBench {
  readonly dataDir: string
  readonly runs: number
  /** Backups copy the whole file: a few runs at most. */
  readonly backupRuns: number
  readonly log: (line: string) => void
}

/** Every row measured against the database: search, list, open, save, sign, patients, start-up, backup. */
export async function databaseRows({ dataDir, runs, backupRuns, log }: DatabaseBench): Promise<Row[]> {
  const service = startService({ dataDir, info: SERVICE_INFO })
  // A large file's pages are read by a worker after start: measure after it, not beside it.
  await service.backgroundChecks()
  // Every call goes through a session unlocked as the bench's practitioner, as the page's do.
  const call = await unlockedCalls(service, BENCH_PRACTITIONER)
  const raw = new Database(service.databasePath)
  raw.pragma('synchronous = FULL')
  raw.pragma('foreign_keys = ON')
  const rows: Row[] = []
  const add = (
    group: string,
    name: string,
    baselineName: string,
    result: { op: Row['op']; baseline: Row['baseline'] }
  ) => {
    rows.push({ group, name, baselineName, ...result })
    log(`  ${group}: ${name} — p95 ${result.op.p95.toFixed(2)} ms vs ${result.baseline.p95.toFixed(2)} ms`)
  }
  try {
    const bareRows = raw.prepare(ROWS)
    // Statements prepared once, as the service does.
    const prepared = new Map<string, Database.Statement>()
    const statement = (sql: string) => prepared.get(sql) ?? prepared.set(sql, raw.prepare(sql)).get(sql)!
    const bare = (sql: string, params: Record<string, unknown>, offset: number) => {
      const page = statement(`${sql} LIMIT 50 OFFSET ${offset}`).all(params) as { rowid: number }[]
      const total = (statement(`SELECT count(*) AS n FROM (${sql} LIMIT 1001)`).get(params) as { n: number }).n
      return { rows: page.length ? bareRows.all(JSON.stringify(page.map((r) => r.rowid))) : [], total }
    }

    // Search as typed: prefixes of real patient names (first and last) and of note words.
    const names = (
      raw.prepare('SELECT full_name FROM patients ORDER BY random() LIMIT 200').all() as { full_name: string }[]
    ).flatMap((r) => r.full_name.split(' '))
    const words = [
      ...new Set([
        ...names,
        'cheeks',
        'wedding',
        'pregnancy',
        'retinol',
        'numbing',
        'wrinkles',
        'stretch',
        'collagen',
        'downtime'
      ])
    ]
    const prefixes = (length: number) => [
      ...new Set(words.filter((w) => w.length > length).map((w) => w.slice(0, length)))
    ]
    const searches = [
      { name: '1 letter', queries: prefixes(1) },
      { name: '2 letters', queries: prefixes(2) },
      { name: '3 letters', queries: prefixes(3) },
      { name: 'a whole word', queries: words }
    ]
    // The baseline asks FTS5 in the fastest form for the same matches (a long prefix as the
    // words it starts), worked out before timing; the app works it out for every keystroke.
    const fastest = new Map(
      searches.flatMap(({ queries }) => queries).map((q) => [q, fastMatchExpression(raw as ReadableDB, q)])
    )
    for (const { name, queries } of searches) {
      add(
        'Search as you type',
        `${name} (${queries.length} different)`,
        'FTS5 MATCH, in its fastest form, newest first, count to 1,001, the 50 rows',
        await pair(
          // Each query once on both sides before timing: a clinic's search index is warm.
          { runs, warmUp: queries.length },
          (i) => call('consults.search', { query: nth(queries, i) }),
          (i) => bare(SEARCH_PAGE, { match: fastest.get(nth(queries, i)) }, 0)
        )
      )
    }

    for (const { name, input, sql } of LIST_CASES) {
      const params = listParams(input)
      add(
        'Past consults list (pages 1–3)',
        name,
        'the same filter by hand, count to 1,001, the 50 rows',
        await pair(
          { runs },
          (i) => call('consults.search', { ...input, offset: (i % 3) * 50 }),
          (i) => bare(sql, params, (i % 3) * 50)
        )
      )
    }

    const ids = (raw.prepare('SELECT id FROM consults ORDER BY random() LIMIT 500').all() as { id: string }[]).map(
      (r) => r.id
    )
    const byId = raw.prepare<[id: string], ConsultRow>('SELECT * FROM consults WHERE id = ?')
    const patientOf = raw.prepare<[id: string], { id: string; fullName: string; dateOfBirth: string | null }>(
      'SELECT id, full_name AS fullName, date_of_birth AS dateOfBirth FROM patients WHERE id = ?'
    )
    const amendments = raw.prepare('SELECT * FROM amendments WHERE consult_id = ? ORDER BY created_at')
    const prints = raw.prepare('SELECT * FROM handout_prints WHERE consult_id = ? ORDER BY printed_at')
    const photos = raw.prepare<[consultId: string], RecordPhoto>(
      'SELECT id, sha256, area, side, view, taken_at AS takenAt, amendment_id AS amendmentId FROM photos WHERE consult_id = ?'
    )
    const publicKey = raw.prepare<[id: string], string>('SELECT public_key FROM signing_keys WHERE id = ?').pluck()
    const keyObjects = new Map<string, KeyObject>()
    const keyFor = (id: string) =>
      keyObjects.get(id) ??
      keyObjects
        .set(id, createPublicKey({ key: Buffer.from(publicKey.get(id)!, 'base64'), format: 'der', type: 'spki' }))
        .get(id)!
    add(
      'Consults',
      'open a consult (record, amendments, handouts, photos, signature check)',
      'its row, patient, amendments, handouts and photos by id; its SHA-256 and Ed25519 signature checked',
      await pair(
        { runs },
        (i) => call('consults.get', { id: nth(ids, i) }),
        (i) => {
          const row = byId.get(nth(ids, i))!
          const patient = patientOf.get(row.patient_id)!
          const own = photos.all(row.id)
          const related = [amendments.all(row.id), prints.all(row.id), own]
          if (!row.signature || !row.signing_key_id || !row.signed_at || !row.signed_by) return related
          const signedPhotos = own.filter((photo) => photo.amendmentId === null)
          const payload = consultPayload(
            rowToConsult(row),
            patient,
            row.signed_at,
            row.signed_by,
            row.signing_key_id,
            signedPhotos
          )
          const holds =
            createHash('sha256').update(payload).digest('hex') === row.content_hash &&
            verify(null, Buffer.from(payload), keyFor(row.signing_key_id), Buffer.from(row.signature, 'base64'))
          return [related, holds]
        }
      )
    )

    // Drafts that can be signed: with a practitioner, at least one area, no "do not treat today".
    const drafts = (
      raw
        .prepare(
          "SELECT id FROM consults WHERE status = 'draft' AND practitioner <> '' AND areas <> '[]' AND do_not_treat_count = 0 ORDER BY random() LIMIT 800"
        )
        .all() as {
        id: string
      }[]
    ).map((r) => r.id)
    // Up to 200 of them are saved again and again; the rest are signed, each once (a small
    // database has fewer than 200 such drafts: half each then).
    const toSave = Math.min(200, Math.floor(drafts.length / 2))
    const records = new Map<string, ConsultRecord>()
    for (const id of drafts.slice(0, toSave)) {
      const result = await call('consults.get', { id })
      if (result.ok) records.set(id, result.value as ConsultRecord)
    }
    const editable = [...records.keys()]
    // The write baselines go to a scratch file of their own (same folder, disk and durability):
    // a second connection writing to the live file would make the service's connection drop its
    // page cache before each of its next reads, a cost the app, alone on its file, never pays.
    const scratchFile = join(dataDir, 'bench-scratch.sqlite')
    const scratch = new Database(scratchFile)
    scratch.pragma('journal_mode = WAL')
    scratch.pragma('synchronous = FULL')
    const columns = Object.keys(consultToRow(records.get(editable[0]!)!.consult, flagCounts([])))
    scratch.exec(`CREATE TABLE bench_scratch (${columns.join(', ')})`)
    const scratchInsert = scratch.prepare(
      `INSERT INTO bench_scratch (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
    )
    const saveRuns = Math.min(runs, 200)
    const saveDraft = async (i: number) => {
      const record = records.get(nth(editable, i))!
      const { consult } = record
      const { practitioner, consultedAt, areas, noAreasNote, screening, plan, guideShown } = consult
      const saved = (await call('consults.saveDraft', {
        id: consult.id,
        baseUpdatedAt: consult.updatedAt,
        draft: {
          practitioner,
          consultedAt,
          areas,
          noAreasNote,
          screening,
          plan,
          guideShown,
          notes: `${consult.notes} ${i}`
        }
      })) as Result<SavedDraft>
      if (!saved.ok) throw new Error(saved.error.message)
      // The next save of this draft builds on this one, as the screen's do.
      records.set(consult.id, { ...record, consult: { ...consult, updatedAt: saved.value.updatedAt } })
    }
    const bareInsert = (i: number) => {
      const { consult } = records.get(nth(editable, i))!
      scratchInsert.run(consultToRow({ ...consult, notes: `${consult.notes} ${i}` }, flagCounts(consult.screening)))
    }
    add(
      'Consults',
      'save a draft, until its answer (validate, write the row and its place in the index queue, fsync)',
      'INSERT of the same row, its own durable transaction',
      await pair({ runs: saveRuns, warmUp: 10, settle: nextTurn }, saveDraft, bareInsert)
    )
    add(
      'Consults',
      'save a draft, with its search entry, tags and consent state written on the turn after the answer (a second durable commit)',
      'INSERT of the same row, its own durable transaction',
      await pair(
        { runs: saveRuns, warmUp: 10, settle: nextTurn },
        async (i) => {
          await saveDraft(i)
          await nextTurn()
        },
        bareInsert
      )
    )

    // Signing, the database part: the service's signing (checks, hash, write, re-index, audit)
    // on its own handle, against the bare UPDATE that marks the row signed.
    const signable = drafts.slice(toSave)
    const pairs = Math.floor(signable.length / 2)
    const signRuns = Math.min(runs, pairs - 20, 150)
    const writer = openDatabase(service.databasePath)
    const practitioners = (await call('practitioners.list', undefined)) as { ok: true; value: Practitioner[] }
    const benchPractitioner = practitioners.value.find((p) => p.name === BENCH_PRACTITIONER)!
    const signer = { name: BENCH_PRACTITIONER, ...(await unlockSigningKey(writer, benchPractitioner, TOOL_PIN)) }
    // The baseline's drafts, copied to the scratch file with their id as key.
    scratch.exec(`CREATE TABLE signable (${columns.map((c) => (c === 'id' ? 'id TEXT PRIMARY KEY' : c)).join(', ')})`)
    const copy = scratch.prepare(
      `INSERT INTO signable (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
    )
    for (let i = 0; i < pairs; i++) copy.run(byId.get(signable[2 * i + 1]!)!)
    const scratchById = scratch.prepare<[id: string], ConsultRow>('SELECT * FROM signable WHERE id = ?')
    const markSigned = scratch.prepare(
      `UPDATE signable SET status = 'signed', signed_at = @at, signed_by = @by, content_hash = @hash, signature = @signature,
        signing_key_id = @key, updated_at = @at WHERE id = @id AND status = 'draft'`
    )
    add(
      'Signing',
      'sign, the database part (checks, hash, write, re-index, audit)',
      'its row read, hashed, Ed25519-signed and UPDATEd to signed, one durable transaction',
      await pair(
        { runs: signRuns, warmUp: 10 },
        (i) => signConsult(writer, signable[2 * (i % pairs)]!, signer),
        (i) => {
          const consult = rowToConsult(scratchById.get(signable[2 * (i % pairs) + 1]!)!)
          const at = new Date().toISOString()
          const hash = hashSignedContent(consult, at, BENCH_PRACTITIONER)
          const signature = signBytes(signer.privateKey, hash)
          scratch.transaction(() =>
            markSigned.run({ id: consult.id, at, by: BENCH_PRACTITIONER, hash, signature, key: signer.keyId })
          )()
        }
      )
    )

    const stored = (
      raw.prepare('SELECT pin_hash FROM practitioners WHERE id = ?').get(benchPractitioner.id) as { pin_hash: string }
    ).pin_hash
    const [, n, r, p, salt] = stored.split('$')
    const guard = new PinGuard()
    add(
      'Signing',
      'sign, the PIN check (scrypt, N = 2^15)',
      'scryptSync of the PIN with the same salt and cost',
      await pair(
        { runs: Math.min(runs, 30), warmUp: 3 },
        () => verifyPin(writer, guard, benchPractitioner.id, TOOL_PIN, 'the benchmark'),
        () =>
          scryptSync(TOOL_PIN, Buffer.from(salt!, 'base64'), 32, {
            N: Number(n),
            r: Number(r),
            p: Number(p),
            maxmem: 64 * 1024 * 1024
          })
      )
    )
    writer.close()
    scratch.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchFile}${suffix}`, { force: true })

    const patientQueries = prefixes(2).concat(prefixes(3))
    const barePatients = raw.prepare(
      "SELECT * FROM patients WHERE full_name LIKE ? ESCAPE '\\' ORDER BY full_name COLLATE NOCASE, created_at LIMIT 50"
    )
    const barePatientCount = raw.prepare(
      "SELECT count(*) FROM (SELECT 1 FROM patients WHERE full_name LIKE ? ESCAPE '\\' LIMIT 1001)"
    )
    add(
      'Patients',
      'find a patient (2–3 letters of a name): the first 50 and their count, as the screen asks',
      'the same LIKE query, first 50, and its count to 1,001',
      await pair(
        { runs },
        (i) =>
          Promise.all([
            call('patients.search', { query: nth(patientQueries, i) }),
            call('patients.count', { query: nth(patientQueries, i) })
          ]),
        (i) => [barePatients.all(`%${nth(patientQueries, i)}%`), barePatientCount.get(`%${nth(patientQueries, i)}%`)]
      )
    )

    // Each start in a process of its own, timed inside it: nothing cached from an earlier start.
    const startOnce = (mode: 'service' | 'bare') =>
      Number(execFileSync(process.execPath, [join(__dirname, 'bench-start.js'), '--data', dataDir, '--mode', mode]))
    add(
      'Start-up and backup',
      'start the service in a new process (open, migrations and schema check, audit log head, index queue; pages and older audit entries checked after start)',
      'open the file with the same pragmas, in a new process',
      await pair(
        { runs: Math.min(runs, 30), warmUp: 2, selfTimed: true },
        () => startOnce('service'),
        () => startOnce('bare')
      )
    )

    // The floor of a backup that finds nothing new: reading the file and hashing it.
    const readAndHash = async () => {
      const started = performance.now()
      const hash = createHash('sha256')
      const handle = await open(service.databasePath, 'r')
      const buffer = Buffer.alloc(1024 * 1024)
      try {
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length)
          if (bytesRead === 0) break
          hash.update(buffer.subarray(0, bytesRead))
        }
      } finally {
        await handle.close()
      }
      return performance.now() - started
    }
    const timedBackup = async () => {
      const started = performance.now()
      const made = (await call('backups.create', undefined)) as Result<BackupInfo>
      if (!made.ok) throw new Error(made.error.message)
      return performance.now() - started
    }
    const backupRunsNow = Math.min(runs, backupRuns)
    add(
      'Start-up and backup',
      'back up now, nothing changed since the last backup (the file read and hashed; nothing written)',
      'reading the file and hashing it with SHA-256, 1 MiB at a time',
      await pair({ runs: backupRunsNow, warmUp: 1, selfTimed: true }, timedBackup, readAndHash)
    )
    add(
      'Start-up and backup',
      'back up now, after 20 draft saves (only the changed 1 MiB chunks written)',
      'reading the file and hashing it with SHA-256, 1 MiB at a time',
      await pair(
        { runs: backupRunsNow, warmUp: 0, selfTimed: true },
        async (i) => {
          for (let save = 0; save < 20; save++) await saveDraft(saveRuns + 20 * i + save)
          await nextTurn()
          return timedBackup()
        },
        readAndHash
      )
    )
    return rows
  } finally {
    raw.close()
    service.close()
  }
}
