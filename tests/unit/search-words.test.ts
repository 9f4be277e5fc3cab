import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  fastMatchExpression,
  matchExpression,
  searchConsults,
  type SearchFilters
} from '../../db/queries/consult-search'
import { indexConsult } from '../../db/queries/search-index'
import { keepWords } from '../../db/queries/search-words'
import { openDatabase } from '../../db/open'
import type { WritableDB } from '../../db/types'
import { seed } from '../../scripts/seed-data'
import { makeTempDir } from '../support/temp-dir'

// A long prefix is searched as the words it starts (see fastMatchExpression): that is only
// right if consult_search_words holds every word the index holds, spelled as the index
// spells it, and if the expanded search finds exactly what the plain prefix search finds.

let dir: ReturnType<typeof makeTempDir>
let db: WritableDB
beforeAll(() => {
  dir = makeTempDir()
  db = openDatabase(join(dir.path, 'consults.sqlite'))
  seed(db, 1500, 13)
  // Words the tokenizer folds, splits or keeps whole, written after the seed (through the save path).
  const ids = (db.prepare('SELECT id FROM consults ORDER BY rowid LIMIT 3').all() as { id: string }[]).map((r) => r.id)
  const doc = (notes: string) => ({
    patientName: 'Zoë Ångström-Nguyễn',
    concerns: 'Face · Acne scars',
    notes,
    amendments: 'Reviewed: naïve façade; 東京 visit',
    areaIds: ['face'],
    concernIds: ['acne-scars']
  })
  indexConsult(db, ids[0]!, doc('Wedding on 2026-05-04, weddings galore, O’Brien’s zzyzxville trip'))
  indexConsult(db, ids[1]!, doc('Straße Œuvre ﬁne ½ dose'))
  indexConsult(db, ids[2]!, doc('zzyzxvillage'))
})
afterAll(() => {
  db.close()
  dir.remove()
})

const indexWords = (): string[] => {
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_terms USING fts5vocab(main, consult_search, row)')
  return (
    db.prepare('SELECT term FROM temp.check_terms WHERE length(term) > 3 ORDER BY term').all() as { term: string }[]
  ).map((r) => r.term)
}
const listedWords = (): string[] =>
  (db.prepare('SELECT word FROM consult_search_words ORDER BY word').all() as { word: string }[]).map((r) => r.word)

function filters(match: string | null): SearchFilters {
  return {
    match,
    areaId: null,
    concernId: null,
    status: null,
    flagged: false,
    doNotTreat: false,
    consentMissing: false,
    from: null,
    to: null,
    limit: 50,
    offset: 0,
    exactTotal: true
  }
}

describe('the list of words the search index holds', () => {
  it('holds every word of four letters or more in the index, spelled as the index spells it', () => {
    const words = indexWords()
    expect(words).toEqual(expect.arrayContaining(['zzyzxville', 'zzyzxvillage', 'angstrom', 'wedding', 'weddings']))
    // Rewritten consults leave their old words behind (they match nothing); none is missing.
    expect(listedWords()).toEqual(expect.arrayContaining(words))
  })
})

describe('a prefix longer than the prefix index', () => {
  it('is asked for as the words it starts', () => {
    expect(fastMatchExpression(db, 'zzyzxvil')).toBe('("zzyzxvillage" OR "zzyzxville")')
    expect(fastMatchExpression(db, 'ada zzyzxvill')).toBe('"ada"* AND ("zzyzxvillage" OR "zzyzxville")')
    // Short prefixes use the prefix index; unknown or non-ASCII words stay prefixes.
    expect(fastMatchExpression(db, 'we')).toBe('"we"*')
    expect(fastMatchExpression(db, 'qqqqq')).toBe('"qqqqq"*')
    expect(fastMatchExpression(db, 'ångs')).toBe('"ångs"*')
  })

  it.each([
    'wedd',
    'wedding',
    'weddings',
    'zzyzxvil',
    'zzyzxville',
    'cheeks',
    'wrin',
    'pregnancy',
    'numb',
    'colla',
    'ångström',
    'straße',
    'zoe',
    'ada wedd',
    'wedd zzyz',
    'qqqqq',
    '2026',
    'fine'
  ])('"%s" finds the same consults, in the same order, as the plain prefix search', (query) => {
    const plain = searchConsults(db, filters(matchExpression(query)))
    const fast = searchConsults(db, filters(fastMatchExpression(db, query)))
    expect(fast.rows.map((r) => r.rowid)).toEqual(plain.rows.map((r) => r.rowid))
    expect(fast.total).toBe(plain.total)
  })

  it('finds enough to mean something', () => {
    expect(searchConsults(db, filters(fastMatchExpression(db, 'wedd'))).total).toBeGreaterThan(50)
    expect(searchConsults(db, filters(fastMatchExpression(db, 'zzyzxvil'))).total).toBe(2)
  })
})

describe('rewriting a consult’s entry', () => {
  const entryOf = (rowid: number) =>
    db
      .prepare(
        'SELECT k.search_rowid, s.notes, s.flag_count FROM consult_search_keys k JOIN consult_search s ON s.rowid = k.search_rowid WHERE k.consult_rowid = ?'
      )
      .get(rowid) as { search_rowid: number; notes: string; flag_count: number }
  const tagsOf = (rowid: number) =>
    db
      .prepare('SELECT kind, value, flag_count FROM consult_tags WHERE consult_rowid = ? ORDER BY kind, value')
      .all(rowid)

  it('leaves an unchanged entry alone, and rewrites text, flags and tags when they change', () => {
    const { id, rowid } = db.prepare("SELECT id, rowid FROM consults WHERE status = 'draft' LIMIT 1").get() as {
      id: string
      rowid: number
    }
    const doc = {
      patientName: 'Mary Seacole',
      concerns: 'Face · Acne scars',
      notes: 'first',
      amendments: '',
      areaIds: ['face'],
      concernIds: ['acne-scars']
    }
    indexConsult(db, id, doc)
    const first = entryOf(rowid)
    indexConsult(db, id, doc)
    expect(entryOf(rowid).search_rowid).toBe(first.search_rowid)

    indexConsult(db, id, { ...doc, notes: 'second' })
    expect(entryOf(rowid)).toMatchObject({ notes: 'second' })
    expect(searchConsults(db, filters(fastMatchExpression(db, 'second'))).rows.map((r) => r.rowid)).toContain(rowid)

    indexConsult(db, id, { ...doc, notes: 'second', areaIds: ['neck'], concernIds: [] })
    expect(tagsOf(rowid)).toEqual([{ kind: 'area', value: 'neck', flag_count: expect.any(Number) }])

    db.prepare('UPDATE consults SET flag_count = 7 WHERE rowid = ?').run(rowid)
    indexConsult(db, id, { ...doc, notes: 'second', areaIds: ['neck'], concernIds: [] })
    expect(entryOf(rowid)).toMatchObject({ flag_count: 7 })
    expect(tagsOf(rowid)).toEqual([{ kind: 'area', value: 'neck', flag_count: 7 }])
  })
})

describe('the scratch index that splits a text into words', () => {
  it('is made again after a rolled-back transaction took it along', () => {
    const fresh = makeTempDir()
    const other = openDatabase(join(fresh.path, 'consults.sqlite'))
    try {
      other.exec('BEGIN')
      keepWords(other, 'alpha bravo')
      other.exec('ROLLBACK')
      keepWords(other, 'charlie delta')
      expect(other.prepare('SELECT word FROM consult_search_words ORDER BY word').pluck().all()).toEqual([
        'charlie',
        'delta'
      ])
    } finally {
      other.close()
      fresh.remove()
    }
  })
})
