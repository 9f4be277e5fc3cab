import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** What the search index holds for one consult. */
export interface SearchDocument {
  readonly patientName: string
  /** Area and concern labels, as the clinic's content names them. */
  readonly concerns: string
  readonly notes: string
  readonly amendments: string
  readonly areaIds: readonly string[]
  readonly concernIds: readonly string[]
}

export interface SearchFilters {
  /** An FTS5 match expression, or null to list without text search. */
  readonly match: string | null
  readonly areaId: string | null
  readonly concernId: string | null
  readonly status: 'draft' | 'signed' | null
  readonly flagged: boolean
  /** Only consults with an answer that says "do not treat today". */
  readonly doNotTreat: boolean
  /** Only consults whose plan needs a consent that is not on file. */
  readonly consentMissing: boolean
  /** ISO timestamps; `to` is exclusive. */
  readonly from: string | null
  readonly to: string | null
  readonly limit: number
  readonly offset: number
}

/** A found consult, with the text the search looked through. */
export type SearchRow = Readonly<{
  rowid: number
  id: string
  patient_id: string
  consulted_at: string
  practitioner: string
  areas: string
  status: 'draft' | 'signed'
  flag_count: number
  do_not_treat_count: number
  patient_name: string
  /** The indexed text, for showing where a search matched. */
  concerns: string
  notes: string
  amendments: string
}>

/** Around the parts of a text that matched a search, for the renderer to highlight. */
export const MATCH_START = '\u0002'
export const MATCH_END = '\u0003'

const TAG_FILTERS = `
  AND (@area IS NULL OR #.rowid IN (SELECT consult_rowid FROM consult_tags WHERE kind = 'area' AND value = @area))
  AND (@concern IS NULL OR #.rowid IN (SELECT consult_rowid FROM consult_tags WHERE kind = 'concern' AND value = @concern))
  AND (@consent_missing = 0 OR #.rowid IN (SELECT consult_rowid FROM consult_consent_state WHERE missing = 1))`

/** The same filters, on the consults table (alias c, keyed by rowid) or the search index (s). */
const filtersOn = (table: string, consultRowid: string) => `
  (@status IS NULL OR ${table}.status = @status)
  AND (@flagged = 0 OR ${table}.flag_count > 0)
  AND (@do_not_treat = 0 OR ${consultRowid} IN (SELECT rowid FROM consults WHERE do_not_treat_count > 0))
  AND (@from IS NULL OR ${table}.consulted_at >= @from)
  AND (@to IS NULL OR ${table}.consulted_at < @to)
  ${TAG_FILTERS.replaceAll('#.rowid', consultRowid)}`

/**
 * The search row's rowid: the consult's time in milliseconds, times 1024, plus its own
 * rowid modulo 1024 so that two consults at the same moment still differ.
 */
export const searchKey = (consultedAt: string, consultRowid: number): number =>
  Date.parse(consultedAt) * 1024 + (consultRowid % 1024)

// Ordered exactly as consults_for_listing is, so a page never needs a sort of every row.
const NEWEST_FIRST = 'ORDER BY c.consulted_at DESC, c.status DESC, c.flag_count DESC, c.rowid DESC'
const COLUMNS = 'c.rowid AS rowid, c.id, c.patient_id, c.consulted_at, c.practitioner, c.areas, c.status, c.flag_count, c.do_not_treat_count'

const prepared = preparedStatements((db) => ({
  consultRow: db.prepare('SELECT rowid, consulted_at, status, flag_count FROM consults WHERE id = ?'),
  keyOf: db.prepare('SELECT search_rowid FROM consult_search_keys WHERE consult_rowid = ?'),
  keyTaken: db.prepare('SELECT 1 FROM consult_search_keys WHERE search_rowid = ?'),
  deleteText: db.prepare('DELETE FROM consult_search WHERE rowid = ?'),
  deleteKey: db.prepare('DELETE FROM consult_search_keys WHERE consult_rowid = ?'),
  insertKey: db.prepare('INSERT INTO consult_search_keys (consult_rowid, search_rowid) VALUES (?, ?)'),
  insertText: db.prepare(`
    INSERT INTO consult_search (rowid, patient_name, concerns, notes, amendments, consult_rowid, consulted_at, status, flag_count)
    VALUES (@key, @patient_name, @concerns, @notes, @amendments, @consult_rowid, @consulted_at, @status, @flag_count)`),
  deleteTags: db.prepare('DELETE FROM consult_tags WHERE consult_rowid = ?'),
  insertTag: db.prepare('INSERT OR IGNORE INTO consult_tags (consult_rowid, kind, value) VALUES (?, ?, ?)'),
  unindexed: db.prepare('SELECT id FROM consults WHERE rowid NOT IN (SELECT consult_rowid FROM consult_search_keys)'),

  listPage: db.prepare(`
    SELECT c.rowid FROM consults c INDEXED BY consults_for_listing
    WHERE ${filtersOn('c', 'c.rowid')} ${NEWEST_FIRST} LIMIT @limit OFFSET @offset`),
  listCount: db.prepare(
    `SELECT count(*) AS total FROM consults c INDEXED BY consults_for_listing WHERE ${filtersOn('c', 'c.rowid')}`
  ),
  rows: db.prepare(`
    SELECT ${COLUMNS}, p.full_name AS patient_name, s.concerns, s.notes, s.amendments
    FROM consults c
      JOIN patients p ON p.id = c.patient_id
      JOIN consult_search_keys k ON k.consult_rowid = c.rowid
      JOIN consult_search s ON s.rowid = k.search_rowid
    WHERE c.rowid IN (SELECT value FROM json_each(@rowids))`),

  searchPage: db.prepare(`
    SELECT s.consult_rowid AS rowid FROM consult_search s
    WHERE consult_search MATCH @match AND ${filtersOn('s', 's.consult_rowid')}
    ORDER BY s.rowid DESC LIMIT @limit OFFSET @offset`),
  searchCount: db.prepare(`
    SELECT count(*) AS total FROM consult_search s
    WHERE consult_search MATCH @match AND ${filtersOn('s', 's.consult_rowid')}`)
}))

/** Writes (or rewrites) one consult's entry in the search index and its filter tags. */
export function indexConsult(db: WritableDB, consultId: string, doc: SearchDocument): void {
  const statements = prepared(db)
  const found = statements.consultRow.get(consultId) as
    | { rowid: number; consulted_at: string; status: string; flag_count: number }
    | undefined
  if (!found) return
  const old = statements.keyOf.get(found.rowid) as { search_rowid: number } | undefined
  if (old) statements.deleteText.run(old.search_rowid)
  statements.deleteKey.run(found.rowid)
  let key = searchKey(found.consulted_at, found.rowid)
  while (statements.keyTaken.get(key)) key++
  statements.insertKey.run(found.rowid, key)
  statements.insertText.run({
    key,
    patient_name: doc.patientName,
    concerns: doc.concerns,
    notes: doc.notes,
    amendments: doc.amendments,
    consult_rowid: found.rowid,
    consulted_at: found.consulted_at,
    status: found.status,
    flag_count: found.flag_count
  })
  statements.deleteTags.run(found.rowid)
  for (const id of doc.areaIds) statements.insertTag.run(found.rowid, 'area', id)
  for (const id of doc.concernIds) statements.insertTag.run(found.rowid, 'concern', id)
}

export function unindexedConsultIds(db: ReadableDB): string[] {
  return (prepared(db).unindexed.all() as { id: string }[]).map((row) => row.id)
}

function filterValues(filters: SearchFilters) {
  return {
    area: filters.areaId,
    concern: filters.concernId,
    status: filters.status,
    flagged: filters.flagged ? 1 : 0,
    do_not_treat: filters.doNotTreat ? 1 : 0,
    consent_missing: filters.consentMissing ? 1 : 0,
    from: filters.from,
    to: filters.to
  }
}

/**
 * One page of consults, newest first. The page's rowids are found first, from indexes
 * alone; only those rows are then read in full, so a common word costs little more than a
 * rare one.
 */
export function searchConsults(db: ReadableDB, filters: SearchFilters): { rows: SearchRow[]; total: number } {
  const statements = prepared(db)
  const where = filterValues(filters)
  const page = { limit: filters.limit, offset: filters.offset }
  const text = filters.match === null ? null : { ...where, match: filters.match }
  const rowids = (
    (text ? statements.searchPage.all({ ...text, ...page }) : statements.listPage.all({ ...where, ...page })) as {
      rowid: number
    }[]
  ).map((r) => r.rowid)
  const total = ((text ? statements.searchCount.get(text) : statements.listCount.get(where)) as { total: number }).total
  if (rowids.length === 0) return { rows: [], total }

  const found = statements.rows.all({ rowids: JSON.stringify(rowids) }) as SearchRow[]
  const position = new Map(rowids.map((rowid, index) => [rowid, index]))
  return { rows: found.sort((a, b) => position.get(a.rowid)! - position.get(b.rowid)!), total }
}

/** The words of a search, split as the index splits text. */
export const searchWords = (query: string): string[] => query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/** Turns what was typed into an FTS5 expression: every word, as a prefix, must match. */
export function matchExpression(query: string): string | null {
  const words = searchWords(query)
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(' ')
}
