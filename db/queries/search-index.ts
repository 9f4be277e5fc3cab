import type { ConsultRow } from './consults'
import type { WritableDB } from '../types'
import { preparedStatements } from './prepared'
import { keepWords } from './search-words'

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

/**
 * The search row's rowid: the consult's time in milliseconds, times 1024, plus its own
 * rowid modulo 1024 so that two consults at the same moment still differ.
 */
export const searchKey = (consultedAt: string, consultRowid: number): number =>
  Date.parse(consultedAt) * 1024 + (consultRowid % 1024)

/** The consult's place in the list, as its index entry and tags carry it. */
type ListPlace = Pick<ConsultRow, 'consulted_at' | 'status' | 'flag_count'> & { readonly consult_rowid: number }

/** One consult's row in the FTS5 table, as written. */
type SearchEntry = ListPlace & Readonly<{ patient_name: string; concerns: string; notes: string; amendments: string }>

type Tag = Readonly<{ kind: 'area' | 'concern'; value: string; concerns: string }>

const prepared = preparedStatements((db) => ({
  place: db.prepare<[consultId: string], ListPlace>(
    'SELECT rowid AS consult_rowid, consulted_at, status, flag_count FROM consults WHERE id = ?'
  ),
  entryOf: db.prepare<[consultRowid: number], SearchEntry & { search_rowid: number }>(`
    SELECT k.search_rowid, s.patient_name, s.concerns, s.notes, s.amendments, s.consult_rowid, s.consulted_at,
      s.status, s.flag_count
    FROM consult_search_keys k JOIN consult_search s ON s.rowid = k.search_rowid
    WHERE k.consult_rowid = ?`),
  keyTaken: db
    .prepare<[searchRowid: number], number>('SELECT 1 FROM consult_search_keys WHERE search_rowid = ?')
    .pluck(),
  deleteText: db.prepare<[searchRowid: number]>('DELETE FROM consult_search WHERE rowid = ?'),
  deleteKey: db.prepare<[consultRowid: number]>('DELETE FROM consult_search_keys WHERE consult_rowid = ?'),
  insertKey: db.prepare<[consultRowid: number, searchRowid: number]>(
    'INSERT INTO consult_search_keys (consult_rowid, search_rowid) VALUES (?, ?)'
  ),
  insertText: db.prepare<SearchEntry & { key: number }>(`
    INSERT INTO consult_search (rowid, patient_name, concerns, notes, amendments, consult_rowid, consulted_at, status, flag_count)
    VALUES (@key, @patient_name, @concerns, @notes, @amendments, @consult_rowid, @consulted_at, @status, @flag_count)`),
  deleteTags: db.prepare<[consultRowid: number]>('DELETE FROM consult_tags WHERE consult_rowid = ?'),
  tagsOf: db.prepare<[consultRowid: number], Tag>(
    'SELECT kind, value, concerns FROM consult_tags WHERE consult_rowid = ?'
  ),
  insertTag: db.prepare<Tag & ListPlace>(`
    INSERT OR IGNORE INTO consult_tags (kind, value, consulted_at, status, flag_count, consult_rowid, concerns)
    VALUES (@kind, @value, @consulted_at, @status, @flag_count, @consult_rowid, @concerns)`)
}))

const ENTRY_COLUMNS = [
  'patient_name',
  'concerns',
  'notes',
  'amendments',
  'consult_rowid',
  'consulted_at',
  'status',
  'flag_count'
] as const satisfies readonly (keyof SearchEntry)[]
const PLACE_COLUMNS = ['consulted_at', 'status', 'flag_count'] as const satisfies readonly (keyof ListPlace)[]

/** A set of tags in one canonical text, to compare two sets. */
const listed = (tags: readonly Tag[]): string =>
  [...new Set(tags.map((t) => `${t.kind}\u0000${t.value}\u0000${t.concerns}`))].sort().join('\n')

/** Writes (or rewrites) one consult's entry in the search index and its filter tags. */
export function indexConsult(db: WritableDB, consultId: string, doc: SearchDocument): void {
  const statements = prepared(db)
  const place = statements.place.get(consultId)
  if (!place) return
  const entry: SearchEntry = {
    patient_name: doc.patientName,
    concerns: doc.concerns,
    notes: doc.notes,
    amendments: doc.amendments,
    ...place
  }
  // Most saves change no indexed text (an answer, a plan): the entry is left as it is.
  const old = statements.entryOf.get(place.consult_rowid)
  if (!old || ENTRY_COLUMNS.some((column) => old[column] !== entry[column])) {
    if (old) statements.deleteText.run(old.search_rowid)
    let key = searchKey(place.consulted_at, place.consult_rowid)
    // The same key again when the date is unchanged: only the text is rewritten.
    if (old?.search_rowid !== key) {
      statements.deleteKey.run(place.consult_rowid)
      while (statements.keyTaken.get(key)) key++
      statements.insertKey.run(place.consult_rowid, key)
    }
    statements.insertText.run({ key, ...entry })
    keepWords(db, [doc.patientName, doc.concerns, doc.notes, doc.amendments].join('\n'))
  }

  const areaConcerns = `|${doc.concernIds.join('|')}|`
  const tags: Tag[] = [
    ...doc.areaIds.map((value) => ({ kind: 'area' as const, value, concerns: areaConcerns })),
    ...doc.concernIds.map((value) => ({ kind: 'concern' as const, value, concerns: '' }))
  ]
  const samePlace = old && PLACE_COLUMNS.every((column) => old[column] === place[column])
  if (samePlace && listed(statements.tagsOf.all(place.consult_rowid)) === listed(tags)) return
  statements.deleteTags.run(place.consult_rowid)
  for (const tag of tags) statements.insertTag.run({ ...tag, ...place })
}
