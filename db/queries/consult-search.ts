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
  /** ISO timestamps; `to` is exclusive. */
  readonly from: string | null
  readonly to: string | null
  readonly limit: number
  readonly offset: number
}

/** A found consult; `*Marked` fields hold matches between \u0002 and \u0003. */
export type SearchRow = Readonly<{
  id: string
  patient_id: string
  consulted_at: string
  practitioner: string
  areas: string
  status: 'draft' | 'signed'
  flag_count: number
  name_marked: string
  snippet_marked: string | null
}>

export const MATCH_START = '\u0002'
export const MATCH_END = '\u0003'

const FILTERS = `
  (@status IS NULL OR c.status = @status)
  AND (@flagged = 0 OR c.flag_count > 0)
  AND (@from IS NULL OR c.consulted_at >= @from)
  AND (@to IS NULL OR c.consulted_at < @to)
  AND (@area IS NULL OR c.rowid IN (SELECT consult_rowid FROM consult_tags WHERE kind = 'area' AND value = @area))
  AND (@concern IS NULL OR c.rowid IN (SELECT consult_rowid FROM consult_tags WHERE kind = 'concern' AND value = @concern))`

const COLUMNS = 'c.id, c.patient_id, c.consulted_at, c.practitioner, c.areas, c.status, c.flag_count'

const prepared = preparedStatements((db) => ({
  rowidOf: db.prepare('SELECT rowid FROM consults WHERE id = ?'),
  deleteText: db.prepare('DELETE FROM consult_search WHERE rowid = ?'),
  insertText: db.prepare(
    'INSERT INTO consult_search (rowid, patient_name, concerns, notes, amendments) VALUES (@rowid, @patient_name, @concerns, @notes, @amendments)'
  ),
  deleteTags: db.prepare('DELETE FROM consult_tags WHERE consult_rowid = ?'),
  insertTag: db.prepare('INSERT OR IGNORE INTO consult_tags (consult_rowid, kind, value) VALUES (?, ?, ?)'),
  unindexed: db.prepare('SELECT id FROM consults WHERE rowid NOT IN (SELECT rowid FROM consult_search)'),
  list: db.prepare(`
    SELECT ${COLUMNS}, p.full_name AS name_marked, NULL AS snippet_marked
    FROM consults c JOIN patients p ON p.id = c.patient_id
    WHERE ${FILTERS}
    ORDER BY c.consulted_at DESC, c.id DESC
    LIMIT @limit OFFSET @offset`),
  count: db.prepare(`SELECT count(*) AS total FROM consults c WHERE ${FILTERS}`),
  search: db.prepare(`
    SELECT ${COLUMNS},
      highlight(consult_search, 0, char(2), char(3)) AS name_marked,
      snippet(consult_search, -1, char(2), char(3), '…', 12) AS snippet_marked
    FROM consult_search JOIN consults c ON c.rowid = consult_search.rowid
    WHERE consult_search MATCH @match AND ${FILTERS}
    ORDER BY c.consulted_at DESC, c.id DESC
    LIMIT @limit OFFSET @offset`),
  countMatches: db.prepare(`
    SELECT count(*) AS total FROM consult_search JOIN consults c ON c.rowid = consult_search.rowid
    WHERE consult_search MATCH @match AND ${FILTERS}`)
}))

/** Writes (or rewrites) one consult's entry in the search index and its filter tags. */
export function indexConsult(db: WritableDB, consultId: string, doc: SearchDocument): void {
  const statements = prepared(db)
  const found = statements.rowidOf.get(consultId) as { rowid: number } | undefined
  if (!found) return
  statements.deleteText.run(found.rowid)
  statements.insertText.run({
    rowid: found.rowid,
    patient_name: doc.patientName,
    concerns: doc.concerns,
    notes: doc.notes,
    amendments: doc.amendments
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
    from: filters.from,
    to: filters.to
  }
}

export function searchConsults(db: ReadableDB, filters: SearchFilters): { rows: SearchRow[]; total: number } {
  const statements = prepared(db)
  const where = filterValues(filters)
  const page = { limit: filters.limit, offset: filters.offset }
  if (filters.match === null) {
    return {
      rows: statements.list.all({ ...where, ...page }) as SearchRow[],
      total: (statements.count.get(where) as { total: number }).total
    }
  }
  const matching = { ...where, match: filters.match }
  return {
    rows: statements.search.all({ ...matching, ...page }) as SearchRow[],
    total: (statements.countMatches.get(matching) as { total: number }).total
  }
}

/** Turns what was typed into an FTS5 expression: every word, as a prefix, must match. */
export function matchExpression(query: string): string | null {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu)
  if (!words) return null
  return words.map((word) => `"${word}"*`).join(' ')
}
