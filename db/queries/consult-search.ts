import type { Statement } from 'better-sqlite3'
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
  /** Count every match, not just up to TOTAL_CAP. */
  readonly exactTotal: boolean
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

/** A total counted no further than this unless asked; the page says "1,000+". */
export const TOTAL_CAP = 1000

/** The longest prefix FTS5 indexes (migration 0100: prefix = '1 2 3'). */
const INDEXED_PREFIX = 3
/** A prefix that starts more words than this is left to FTS5's own prefix merge. */
const MAX_EXPANSION = 32

/**
 * The search row's rowid: the consult's time in milliseconds, times 1024, plus its own
 * rowid modulo 1024 so that two consults at the same moment still differ.
 */
export const searchKey = (consultedAt: string, consultRowid: number): number =>
  Date.parse(consultedAt) * 1024 + (consultRowid % 1024)

/** In SQL: the first search key at or after an ISO time, so a date range is a range of FTS5 rowids. */
const searchKeyAt = (param: string) => `round(unixepoch(${param}, 'subsec') * 1000) * 1024`

type FilterName = 'area' | 'concern' | 'status' | 'flagged' | 'doNotTreat' | 'consentMissing' | 'from' | 'to'

/** Which filters are set: the key of one query shape. */
const filterNames = (filters: SearchFilters): FilterName[] =>
  (
    [
      ['area', filters.areaId !== null],
      ['concern', filters.concernId !== null],
      ['status', filters.status !== null],
      ['flagged', filters.flagged],
      ['doNotTreat', filters.doNotTreat],
      ['consentMissing', filters.consentMissing],
      ['from', filters.from !== null],
      ['to', filters.to !== null]
    ] as const
  )
    .filter(([, set]) => set)
    .map(([name]) => name)

/** Also tagged `kind = @value`: one lookup in consult_tags_by_consult per candidate. */
const alsoTagged = (rowid: string, kind: 'area' | 'concern') =>
  `EXISTS (SELECT 1 FROM consult_tags x WHERE x.consult_rowid = ${rowid} AND x.kind = '${kind}' AND x.value = @${kind})`

/**
 * Rare conditions kept off the walked index: a lookup by rowid per candidate (the consult's
 * own row; its consent state), never a scan.
 */
const rareChecks = (set: ReadonlySet<FilterName>, rowid: string): string[] => [
  ...(set.has('doNotTreat')
    ? [`EXISTS (SELECT 1 FROM consults d WHERE d.rowid = ${rowid} AND d.do_not_treat_count > 0)`]
    : []),
  ...(set.has('consentMissing')
    ? [`EXISTS (SELECT 1 FROM consult_consent_state m WHERE m.consult_rowid = ${rowid} AND m.missing = 1)`]
    : [])
]

/**
 * The list without text search, written for the filters actually set, from fixed pieces
 * only. It walks one index newest first, in the list's own order, so a page stops after
 * its rows: an area or concern walks its range of consult_tags (which carries the date,
 * status and flags, and on an area's tag the consult's concerns), a status walks consults_by_status, flagged walks the partial
 * consults_flagged, and otherwise consults_for_listing; a date range narrows the walk.
 */
function listFrom(set: ReadonlySet<FilterName>): { from: string; rowid: string } {
  const tag = set.has('area') ? 'area' : set.has('concern') ? 'concern' : null
  const t = tag ? 't' : 'c'
  const where = [
    ...(tag ? [`t.kind = '${tag}'`, `t.value = @${tag}`] : []),
    // On a tag's walk the status is checked, not keyed on ("+"): it sits mid-key, and as a
    // key SQLite would drop it from the order and sort the walk instead.
    ...(set.has('status') ? [`${tag ? '+' : ''}${t}.status = @status`] : []),
    ...(set.has('flagged') ? [`${t}.flag_count > 0`] : []),
    ...(set.has('from') ? [`${t}.consulted_at >= @from`] : []),
    ...(set.has('to') ? [`${t}.consulted_at < @to`] : []),
    // An area's tag lists the consult's concerns: checked in the row, no lookup.
    ...(tag === 'area' && set.has('concern') ? ["instr(t.concerns, '|' || @concern || '|') > 0"] : []),
    ...rareChecks(set, tag ? 't.consult_rowid' : 'c.rowid')
  ]
  const index = set.has('status')
    ? 'consults_by_status'
    : set.has('flagged')
      ? 'consults_flagged'
      : 'consults_for_listing'
  const table = tag ? 'consult_tags t' : `consults c INDEXED BY ${index}`
  const rowid = tag ? 't.consult_rowid' : 'c.rowid'
  const order = `ORDER BY ${t}.consulted_at DESC, ${t}.status DESC, ${t}.flag_count DESC, ${rowid} DESC`
  return { from: `FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${order}`, rowid }
}

/**
 * Text search: FTS5 returns matches newest first by its rowid (a date key), so a date range
 * is a rowid range; status and flags ride along in the index, tags are looked up per match.
 */
function searchFrom(set: ReadonlySet<FilterName>): { from: string; rowid: string } {
  const where = [
    'consult_search MATCH @match',
    ...(set.has('status') ? ['s.status = @status'] : []),
    ...(set.has('flagged') ? ['s.flag_count > 0'] : []),
    ...(set.has('from') ? [`s.rowid >= ${searchKeyAt('@from')}`] : []),
    ...(set.has('to') ? [`s.rowid < ${searchKeyAt('@to')}`] : []),
    ...(set.has('area') ? [alsoTagged('s.consult_rowid', 'area')] : []),
    ...(set.has('concern') ? [alsoTagged('s.consult_rowid', 'concern')] : []),
    ...rareChecks(set, 's.consult_rowid')
  ]
  return { from: `FROM consult_search s WHERE ${where.join(' AND ')} ORDER BY s.rowid DESC`, rowid: 's.consult_rowid' }
}

/** The page and capped-count statements of one query shape. */
export function pageQueries(text: boolean, names: readonly FilterName[]): { page: string; count: string } {
  const { from, rowid } = (text ? searchFrom : listFrom)(new Set(names))
  return {
    page: `SELECT ${rowid} AS rowid ${from} LIMIT @limit OFFSET @offset`,
    // @cap is -1 (no limit) when the exact total is asked for.
    count: `SELECT count(*) AS total FROM (SELECT 1 ${from} LIMIT @cap)`
  }
}

/** Every query shape the list and search can take, for tests of their plans. */
export const everyQueryShape = (): { text: boolean; names: FilterName[] }[] => {
  const all: FilterName[] = ['area', 'concern', 'status', 'flagged', 'doNotTreat', 'consentMissing', 'from', 'to']
  const subsets = Array.from({ length: 1 << all.length }, (_, bits) => all.filter((_, i) => bits & (1 << i)))
  return [false, true].flatMap((text) => subsets.map((names) => ({ text, names })))
}

const shapes = new WeakMap<ReadableDB, Map<string, { page: Statement; count: Statement }>>()

function shapeStatements(db: ReadableDB, text: boolean, names: readonly FilterName[]) {
  let cache = shapes.get(db)
  if (!cache) shapes.set(db, (cache = new Map()))
  const key = `${text}:${names.join(',')}`
  let statements = cache.get(key)
  if (!statements) {
    const sql = pageQueries(text, names)
    statements = { page: db.prepare(sql.page), count: db.prepare(sql.count) }
    cache.set(key, statements)
  }
  return statements
}

const COLUMNS =
  'c.rowid AS rowid, c.id, c.patient_id, c.consulted_at, c.practitioner, c.areas, c.status, c.flag_count, c.do_not_treat_count'

const prepared = preparedStatements((db) => ({
  consultRow: db.prepare('SELECT rowid, consulted_at, status, flag_count FROM consults WHERE id = ?'),
  entryOf: db.prepare(`
    SELECT k.search_rowid, s.patient_name, s.concerns, s.notes, s.amendments, s.consult_rowid, s.consulted_at,
      s.status, s.flag_count
    FROM consult_search_keys k JOIN consult_search s ON s.rowid = k.search_rowid
    WHERE k.consult_rowid = ?`),
  keyTaken: db.prepare('SELECT 1 FROM consult_search_keys WHERE search_rowid = ?'),
  deleteText: db.prepare('DELETE FROM consult_search WHERE rowid = ?'),
  deleteKey: db.prepare('DELETE FROM consult_search_keys WHERE consult_rowid = ?'),
  insertKey: db.prepare('INSERT INTO consult_search_keys (consult_rowid, search_rowid) VALUES (?, ?)'),
  insertText: db.prepare(`
    INSERT INTO consult_search (rowid, patient_name, concerns, notes, amendments, consult_rowid, consulted_at, status, flag_count)
    VALUES (@key, @patient_name, @concerns, @notes, @amendments, @consult_rowid, @consulted_at, @status, @flag_count)`),
  deleteTags: db.prepare('DELETE FROM consult_tags WHERE consult_rowid = ?'),
  tagsOf: db.prepare('SELECT kind, value, concerns FROM consult_tags WHERE consult_rowid = ?'),
  insertTag: db.prepare(`
    INSERT OR IGNORE INTO consult_tags (kind, value, consulted_at, status, flag_count, consult_rowid, concerns)
    VALUES (@kind, @value, @consulted_at, @status, @flag_count, @consult_rowid, @concerns)`),
  counts: db.prepare(
    'SELECT (SELECT count(*) FROM consults) AS consults, (SELECT count(*) FROM consult_search_keys) AS indexed'
  ),
  wordsStartingWith: db.prepare(
    `SELECT word FROM consult_search_words WHERE word >= ? AND word < ? LIMIT ${MAX_EXPANSION + 1}`
  ),
  unindexed: db.prepare('SELECT id FROM consults WHERE rowid NOT IN (SELECT consult_rowid FROM consult_search_keys)'),
  rows: db.prepare(`
    SELECT ${COLUMNS}, p.full_name AS patient_name, s.concerns, s.notes, s.amendments
    FROM consults c
      JOIN patients p ON p.id = c.patient_id
      JOIN consult_search_keys k ON k.consult_rowid = c.rowid
      JOIN consult_search s ON s.rowid = k.search_rowid
    WHERE c.rowid IN (SELECT value FROM json_each(@rowids))`)
}))

/**
 * The words FTS5 makes of a text, from a scratch index of this connection with the search
 * index's own tokenizer (migration 0100's), so consult_search_words spells them exactly as
 * the index does. Contentless: emptied after each use in one step.
 */
const wordStatements = preparedStatements((db) => {
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.consult_words_scratch USING fts5(
      text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.consult_words_scratch_terms
      USING fts5vocab(temp, consult_words_scratch, row);
  `)
  return {
    tokenize: db.prepare('INSERT INTO temp.consult_words_scratch (rowid, text) VALUES (1, ?)'),
    keep: db.prepare(`
      INSERT OR IGNORE INTO consult_search_words (word)
      SELECT term FROM temp.consult_words_scratch_terms WHERE length(term) > ${INDEXED_PREFIX}`),
    empty: db.prepare("INSERT INTO temp.consult_words_scratch (consult_words_scratch) VALUES ('delete-all')")
  }
})

/** Adds the words of `text` (four letters or more) to consult_search_words. */
function keepWords(db: WritableDB, text: string): void {
  const statements = wordStatements(db)
  statements.tokenize.run(text)
  statements.keep.run()
  statements.empty.run()
}

/** Writes (or rewrites) one consult's entry in the search index and its filter tags. */
export function indexConsult(db: WritableDB, consultId: string, doc: SearchDocument): void {
  const statements = prepared(db)
  const found = statements.consultRow.get(consultId) as
    { rowid: number; consulted_at: string; status: string; flag_count: number } | undefined
  if (!found) return
  const entry: Record<string, string | number> = {
    patient_name: doc.patientName,
    concerns: doc.concerns,
    notes: doc.notes,
    amendments: doc.amendments,
    consult_rowid: found.rowid,
    consulted_at: found.consulted_at,
    status: found.status,
    flag_count: found.flag_count
  }
  // Most saves change no indexed text (an answer, a plan): the entry is left as it is.
  const old = statements.entryOf.get(found.rowid) as Record<string, string | number> | undefined
  if (!old || Object.keys(entry).some((column) => old[column] !== entry[column])) {
    if (old) statements.deleteText.run(old['search_rowid'])
    statements.deleteKey.run(found.rowid)
    let key = searchKey(found.consulted_at, found.rowid)
    while (statements.keyTaken.get(key)) key++
    statements.insertKey.run(found.rowid, key)
    statements.insertText.run({ key, ...entry })
    keepWords(db, [doc.patientName, doc.concerns, doc.notes, doc.amendments].join('\n'))
  }

  const areaConcerns = `|${doc.concernIds.join('|')}|`
  const tags = [
    ...doc.areaIds.map((value) => ({ kind: 'area', value, concerns: areaConcerns })),
    ...doc.concernIds.map((value) => ({ kind: 'concern', value, concerns: '' }))
  ]
  const listed = (rows: readonly { kind: string; value: string; concerns: string }[]) =>
    [...new Set(rows.map((t) => `${t.kind}\u0000${t.value}\u0000${t.concerns}`))].sort().join('\n')
  const sameRow = old && ['consulted_at', 'status', 'flag_count'].every((column) => old[column] === entry[column])
  if (sameRow && listed(statements.tagsOf.all(found.rowid) as typeof tags) === listed(tags)) return
  statements.deleteTags.run(found.rowid)
  for (const tag of tags)
    statements.insertTag.run({
      ...tag,
      consulted_at: found.consulted_at,
      status: found.status,
      flag_count: found.flag_count,
      consult_rowid: found.rowid
    })
}

/**
 * Consults the search does not know yet. Every consult has one key and keys are only made
 * for consults, so equal counts (two quick index counts) mean there is nothing to look for.
 */
export function unindexedConsultIds(db: ReadableDB): string[] {
  const statements = prepared(db)
  const { consults, indexed } = statements.counts.get() as { consults: number; indexed: number }
  if (consults === indexed) return []
  return (statements.unindexed.all() as { id: string }[]).map((row) => row.id)
}

/** The statement parameters for the filters that are set. */
function filterValues(filters: SearchFilters, names: readonly FilterName[]): Record<string, string | null> {
  const values: Record<FilterName, string | null> = {
    area: filters.areaId,
    concern: filters.concernId,
    status: filters.status,
    flagged: null,
    doNotTreat: null,
    consentMissing: null,
    from: filters.from,
    to: filters.to
  }
  const flags: readonly FilterName[] = ['flagged', 'doNotTreat', 'consentMissing']
  return Object.fromEntries(names.filter((name) => !flags.includes(name)).map((name) => [name, values[name]]))
}

/**
 * One page of consults, newest first, and their total: exact up to TOTAL_CAP (or
 * offset + limit, when paging further), beyond that only "more", unless `exactTotal`. The
 * page's rowids are found first, from indexes alone; only those rows are then read in full.
 */
export function searchConsults(
  db: ReadableDB,
  filters: SearchFilters
): { rows: SearchRow[]; total: number; totalExact: boolean } {
  const names = filterNames(filters)
  const text = filters.match !== null
  const shape = shapeStatements(db, text, names)
  const bound = { ...filterValues(filters, names), ...(text ? { match: filters.match } : {}) }
  const rowids = (
    shape.page.all({ ...bound, limit: filters.limit, offset: filters.offset }) as { rowid: number }[]
  ).map((r) => r.rowid)
  const cap = Math.max(TOTAL_CAP, filters.offset + filters.limit)
  const counted = (shape.count.get({ ...bound, cap: filters.exactTotal ? -1 : cap + 1 }) as { total: number }).total
  const totalExact = filters.exactTotal || counted <= cap
  const total = totalExact ? counted : cap
  if (rowids.length === 0) return { rows: [], total, totalExact }

  const found = prepared(db).rows.all({ rowids: JSON.stringify(rowids) }) as SearchRow[]
  const position = new Map(rowids.map((rowid, index) => [rowid, index]))
  return { rows: found.sort((a, b) => position.get(a.rowid)! - position.get(b.rowid)!), total, totalExact }
}

/** The words of a search, split as the index splits text. */
export const searchWords = (query: string): string[] => query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/** Turns what was typed into an FTS5 expression: every word, as a prefix, must match. */
export function matchExpression(query: string): string | null {
  const words = searchWords(query)
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(' ')
}

/**
 * The same search as matchExpression, in the form FTS5 answers fastest: a word of up to three
 * letters is looked up in the prefix index; a longer one (in plain a–z and digits, which
 * the tokenizer keeps as they are) becomes the words that start with it, OR-ed, so FTS5
 * walks their lists newest first and stops at the page instead of merging them whole.
 * Words that start no listed word, or too many, stay prefixes: the matches are the same.
 */
export function fastMatchExpression(db: ReadableDB, query: string): string | null {
  const words = searchWords(query)
  if (words.length === 0) return null
  const { wordsStartingWith } = prepared(db)
  return words
    .map((word) => {
      if (word.length <= INDEXED_PREFIX || !/^[a-z0-9]+$/.test(word)) return `"${word}"*`
      const after = word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1)
      const found = (wordsStartingWith.all(word, after) as { word: string }[]).map((row) => row.word)
      if (found.length === 0 || found.length > MAX_EXPANSION) return `"${word}"*`
      return `(${found.map((w) => `"${w}"`).join(' OR ')})`
    })
    .join(' AND ')
}
