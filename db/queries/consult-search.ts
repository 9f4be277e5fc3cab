import type { Statement } from 'better-sqlite3'
import type { ReadableDB } from '../types'
import { preparedStatements } from './prepared'
import { INDEXED_PREFIX } from './search-words'

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

/** A prefix that starts more words than this is left to FTS5's own prefix merge. */
const MAX_EXPANSION = 32

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

/** The rare conditions, when the walk is not already down their own index: a lookup by rowid per candidate. */
const rareChecks = (set: ReadonlySet<FilterName>, rowid: string, walked: Walk | null): string[] => [
  ...(set.has('doNotTreat') && walked !== 'doNotTreat'
    ? [`EXISTS (SELECT 1 FROM consults d WHERE d.rowid = ${rowid} AND d.do_not_treat_count > 0)`]
    : []),
  ...(set.has('consentMissing') && walked !== 'consentMissing'
    ? [`EXISTS (SELECT 1 FROM consult_consent_state m WHERE m.consult_rowid = ${rowid} AND m.missing = 1)`]
    : [])
]

/** The index a list walks: the narrowest the filters allow, each holding the list's order. */
type Walk = 'doNotTreat' | 'consentMissing' | 'area' | 'concern' | 'flagged' | 'status' | 'all'

const walkFor = (set: ReadonlySet<FilterName>): Walk =>
  (['doNotTreat', 'consentMissing', 'area', 'concern', 'flagged', 'status'] as const).find((name) => set.has(name)) ??
  'all'

/** What each walk reads: its table (and index), its alias, the consult's rowid there, and what it needs said. */
const WALKS: Record<Walk, { table: string; alias: string; rowid: string; where: string[] }> = {
  doNotTreat: {
    table: 'consults c INDEXED BY consults_do_not_treat',
    alias: 'c',
    rowid: 'c.rowid',
    where: ['c.do_not_treat_count > 0']
  },
  consentMissing: {
    table: 'consult_consent_state m INDEXED BY consult_consent_missing',
    alias: 'm',
    rowid: 'm.consult_rowid',
    where: ['m.missing = 1']
  },
  area: {
    table: 'consult_tags t',
    alias: 't',
    rowid: 't.consult_rowid',
    where: ["t.kind = 'area'", 't.value = @area']
  },
  concern: {
    table: 'consult_tags t',
    alias: 't',
    rowid: 't.consult_rowid',
    where: ["t.kind = 'concern'", 't.value = @concern']
  },
  flagged: { table: 'consults c INDEXED BY consults_flagged', alias: 'c', rowid: 'c.rowid', where: [] },
  status: { table: 'consults c INDEXED BY consults_by_status', alias: 'c', rowid: 'c.rowid', where: [] },
  all: { table: 'consults c INDEXED BY consults_for_listing', alias: 'c', rowid: 'c.rowid', where: [] }
}

/**
 * The list without text search, written for the filters actually set, from fixed pieces
 * only. It walks one index newest first, in the list's own order, so a page stops after its
 * rows: "do not treat today" and "consent missing" walk their partial indexes (few rows
 * each), an area or concern its range of consult_tags (which carries the date, status and
 * flags, and on an area's tag the consult's concerns), flagged the partial consults_flagged,
 * a status consults_by_status, and otherwise consults_for_listing; a date range narrows the
 * walk, and each other filter is checked per row or by one lookup.
 */
function listFrom(set: ReadonlySet<FilterName>): { from: string; rowid: string } {
  const walk = walkFor(set)
  const { table, alias: a, rowid, where: walked } = WALKS[walk]
  const where = [
    ...walked,
    // Where the status sits mid-key it is checked, not keyed on ("+"): as a key SQLite would
    // drop it from the order and sort the walk instead.
    ...(set.has('status') ? [`${walk === 'status' ? '' : '+'}${a}.status = @status`] : []),
    ...(set.has('flagged') ? [`${a}.flag_count > 0`] : []),
    ...(set.has('from') ? [`${a}.consulted_at >= @from`] : []),
    ...(set.has('to') ? [`${a}.consulted_at < @to`] : []),
    // An area's tag lists the consult's concerns: checked in the row, no lookup.
    ...(walk === 'area' && set.has('concern') ? ["instr(t.concerns, '|' || @concern || '|') > 0"] : []),
    ...(set.has('area') && walk !== 'area' ? [alsoTagged(rowid, 'area')] : []),
    ...(set.has('concern') && walk !== 'concern' && walk !== 'area' ? [alsoTagged(rowid, 'concern')] : []),
    ...rareChecks(set, rowid, walk)
  ]
  const order = `ORDER BY ${a}.consulted_at DESC, ${a}.status DESC, ${a}.flag_count DESC, ${rowid} DESC`
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
    ...rareChecks(set, 's.consult_rowid', null)
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

/** A shape's page (the consults' rowids) or its capped total, bound by filter name. */
type ShapeStatement = Statement<Record<string, string | number | null>, number>
const shapes = new WeakMap<ReadableDB, Map<string, { page: ShapeStatement; count: ShapeStatement }>>()

/** The statements of one query shape, prepared on first use and kept per connection. */
function shapeStatements(db: ReadableDB, text: boolean, names: readonly FilterName[]) {
  let cache = shapes.get(db)
  if (!cache) shapes.set(db, (cache = new Map()))
  const key = `${text}:${names.join(',')}`
  let statements = cache.get(key)
  if (!statements) {
    const sql = pageQueries(text, names)
    statements = {
      page: db.prepare<Record<string, string | number | null>, number>(sql.page).pluck(),
      count: db.prepare<Record<string, string | number | null>, number>(sql.count).pluck()
    }
    cache.set(key, statements)
  }
  return statements
}

const prepared = preparedStatements((db) => ({
  wordsStartingWith: db
    .prepare<[from: string, before: string], string>(
      `SELECT word FROM consult_search_words WHERE word >= ? AND word < ? LIMIT ${MAX_EXPANSION + 1}`
    )
    .pluck(),
  rows: db.prepare<{ rowids: string }, SearchRow>(`
    SELECT c.rowid AS rowid, c.id, c.patient_id, c.consulted_at, c.practitioner, c.areas, c.status, c.flag_count,
      c.do_not_treat_count, p.full_name AS patient_name, s.concerns, s.notes, s.amendments
    FROM consults c
      JOIN patients p ON p.id = c.patient_id
      JOIN consult_search_keys k ON k.consult_rowid = c.rowid
      JOIN consult_search s ON s.rowid = k.search_rowid
    WHERE c.rowid IN (SELECT value FROM json_each(@rowids))`)
}))

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
  const rowids = shape.page.all({ ...bound, limit: filters.limit, offset: filters.offset })
  const cap = Math.max(TOTAL_CAP, filters.offset + filters.limit)
  const counted = shape.count.get({ ...bound, cap: filters.exactTotal ? -1 : cap + 1 }) ?? 0
  const totalExact = filters.exactTotal || counted <= cap
  const total = totalExact ? counted : cap
  if (rowids.length === 0) return { rows: [], total, totalExact }

  const found = prepared(db).rows.all({ rowids: JSON.stringify(rowids) })
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
      const found = wordsStartingWith.all(word, after)
      if (found.length === 0 || found.length > MAX_EXPANSION) return `"${word}"*`
      return `(${found.map((w) => `"${w}"`).join(' OR ')})`
    })
    .join(' AND ')
}
