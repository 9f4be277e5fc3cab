import Database from 'better-sqlite3'
import { scryptSync } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../db/open'
import { consultToRow, rowToConsult, type ConsultRow } from '../../db/queries/consults'
import { matchExpression } from '../../db/queries/consult-search'
import {
  flagCounts,
  type ConsultRecord,
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
import { TOOL_PIN, unlockedCalls } from '../tool-session'
import { nth, pair, type Row } from './measure'

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
  await service.pagesChecked()
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
    for (const { name, queries } of searches) {
      add(
        'Search as you type',
        `${name} (${queries.length} different)`,
        'FTS5 MATCH of the typed prefixes ("wedd"*) newest first, count to 1,001, the 50 rows',
        await pair(
          { runs },
          (i) => call('consults.search', { query: nth(queries, i) }),
          (i) => bare(SEARCH_PAGE, { match: matchExpression(nth(queries, i)) }, 0)
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
    const byId = raw.prepare('SELECT * FROM consults WHERE id = ?')
    const patientName = raw.prepare('SELECT full_name FROM patients WHERE id = ?')
    const amendments = raw.prepare('SELECT * FROM amendments WHERE consult_id = ? ORDER BY created_at')
    const prints = raw.prepare('SELECT * FROM handout_prints WHERE consult_id = ? ORDER BY printed_at')
    add(
      'Consults',
      'open a consult (record, amendments, handouts, hash check)',
      'its row, patient name, amendments and handouts by id',
      await pair(
        { runs },
        (i) => call('consults.get', { id: nth(ids, i) }),
        (i) => {
          const row = byId.get(nth(ids, i)) as { patient_id: string }
          return [patientName.get(row.patient_id), amendments.all(nth(ids, i)), prints.all(nth(ids, i))]
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
    raw.exec('DROP TABLE IF EXISTS bench_scratch; CREATE TABLE bench_scratch AS SELECT * FROM consults WHERE 0')
    const columns = Object.keys(consultToRow(records.get(editable[0]!)!.consult, flagCounts([])))
    const scratchInsert = raw.prepare(
      `INSERT INTO bench_scratch (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
    )
    const saveRuns = Math.min(runs, 200)
    add(
      'Consults',
      'save a draft (validate, write, re-index, fsync)',
      'INSERT of the same row, its own durable transaction',
      await pair(
        { runs: saveRuns, warmUp: 10 },
        async (i) => {
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
        },
        (i) => {
          const { consult } = records.get(nth(editable, i))!
          scratchInsert.run(consultToRow({ ...consult, notes: `${consult.notes} ${i}` }, flagCounts(consult.screening)))
        }
      )
    )
    raw.exec('DROP TABLE bench_scratch')

    // Signing, the database part: the service's signing (checks, hash, write, re-index, audit)
    // on its own handle, against the bare UPDATE that marks the row signed.
    const signable = drafts.slice(toSave)
    const pairs = Math.floor(signable.length / 2)
    const signRuns = Math.min(runs, pairs - 20, 150)
    const writer = openDatabase(service.databasePath)
    const practitioners = (await call('practitioners.list', undefined)) as { ok: true; value: Practitioner[] }
    const benchPractitioner = practitioners.value.find((p) => p.name === BENCH_PRACTITIONER)!
    const signer = { name: BENCH_PRACTITIONER, ...(await unlockSigningKey(writer, benchPractitioner, TOOL_PIN)) }
    const markSigned = raw.prepare(
      `UPDATE consults SET status = 'signed', signed_at = @at, signed_by = @by, content_hash = @hash, signature = @signature,
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
          const consult = rowToConsult(byId.get(signable[2 * (i % pairs) + 1]!) as ConsultRow)
          const at = new Date().toISOString()
          const hash = hashSignedContent(consult, at, BENCH_PRACTITIONER)
          const signature = signBytes(signer.privateKey, hash)
          raw.transaction(() =>
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

    const patientQueries = prefixes(2).concat(prefixes(3))
    const barePatients = raw.prepare(
      "SELECT * FROM patients WHERE full_name LIKE ? ESCAPE '\\' ORDER BY full_name COLLATE NOCASE, created_at LIMIT 50"
    )
    add(
      'Patients',
      'find a patient (2–3 letters of a name)',
      'the same LIKE query, first 50',
      await pair(
        { runs },
        (i) => call('patients.search', { query: nth(patientQueries, i) }),
        (i) => barePatients.all(`%${nth(patientQueries, i)}%`)
      )
    )

    add(
      'Start-up and backup',
      'start the service (open, migrations and schema check, search index and consent counts; pages checked by a worker)',
      'open the file with the same pragmas',
      await pair(
        { runs: Math.min(runs, 30), warmUp: 3 },
        () => startService({ dataDir, info: SERVICE_INFO }).close(),
        () => {
          const db = new Database(service.databasePath)
          db.pragma('journal_mode = WAL')
          db.pragma('synchronous = FULL')
          db.pragma('foreign_keys = ON')
          db.close()
        }
      )
    )

    const scratch = join(dataDir, 'bench-backup.sqlite')
    add(
      'Start-up and backup',
      'back up now (the present backup, unchanged by this issue)',
      'SQLite online backup of the same file',
      await pair(
        // Whole-file copies, no warm-up (at 1,000,000 consults each copies gigabytes).
        { runs: Math.min(runs, backupRuns), warmUp: 0 },
        () => call('backups.create', undefined),
        async () => {
          await raw.backup(scratch)
          rmSync(scratch, { force: true })
        }
      )
    )
    return rows
  } finally {
    raw.close()
    service.close()
  }
}
