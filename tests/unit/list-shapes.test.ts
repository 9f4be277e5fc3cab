import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { everyQueryShape, searchConsults, TOTAL_CAP, type SearchFilters } from '../../db/queries/consult-search'
import { openDatabase } from '../../db/open'
import type { WritableDB } from '../../db/types'
import { seed } from '../../scripts/seed-data'
import { makeTempDir } from '../support/temp-dir'

// Every query shape the list and search build must return what one plain query with every
// filter written out returns (the slow way they were all written before), page and total.
const REFERENCE_WHERE = `
  (@status IS NULL OR c.status = @status)
  AND (@flagged = 0 OR c.flag_count > 0)
  AND (@doNotTreat = 0 OR c.do_not_treat_count > 0)
  AND (@consentMissing = 0 OR c.rowid IN (SELECT consult_rowid FROM consult_consent_state WHERE missing = 1))
  AND (@from IS NULL OR c.consulted_at >= @from)
  AND (@to IS NULL OR c.consulted_at < @to)
  AND (@area IS NULL OR c.rowid IN (SELECT consult_rowid FROM consult_tags WHERE kind = 'area' AND value = @area))
  AND (@concern IS NULL OR c.rowid IN (SELECT consult_rowid FROM consult_tags WHERE kind = 'concern' AND value = @concern))`
const REFERENCE_LIST = `SELECT c.rowid FROM consults c WHERE ${REFERENCE_WHERE}
  ORDER BY c.consulted_at DESC, c.status DESC, c.flag_count DESC, c.rowid DESC`
const REFERENCE_SEARCH = `SELECT c.rowid FROM consult_search s JOIN consults c ON c.rowid = s.consult_rowid
  WHERE consult_search MATCH @match AND ${REFERENCE_WHERE} ORDER BY s.rowid DESC`

let dir: ReturnType<typeof makeTempDir>
let db: WritableDB
beforeAll(() => {
  dir = makeTempDir()
  db = openDatabase(join(dir.path, 'consults.sqlite'))
  seed(db, 1500, 11)
  // The seed leaves every consult's consent missing: put some on file so that filter narrows.
  db.prepare('UPDATE consult_consent_state SET missing = 0 WHERE consult_rowid % 3 = 0').run()
})
afterAll(() => {
  db.close()
  dir.remove()
})

const values = {
  area: 'face',
  concern: 'acne-scars',
  status: 'signed' as const,
  flagged: true,
  from: '2023-06-01T00:00:00.000Z',
  to: '2025-06-01T00:00:00.000Z'
}

function filtersFor(text: boolean, names: readonly string[], offset = 0): SearchFilters {
  const has = (name: string) => names.includes(name)
  return {
    match: text ? '"a"*' : null,
    areaId: has('area') ? values.area : null,
    concernId: has('concern') ? values.concern : null,
    status: has('status') ? values.status : null,
    flagged: has('flagged'),
    doNotTreat: has('doNotTreat'),
    consentMissing: has('consentMissing'),
    from: has('from') ? values.from : null,
    to: has('to') ? values.to : null,
    limit: 50,
    offset,
    exactTotal: true
  }
}

function reference(filters: SearchFilters): number[] {
  const sql = filters.match === null ? REFERENCE_LIST : REFERENCE_SEARCH
  return db
    .prepare<Record<string, unknown>, number>(sql)
    .pluck()
    .all({
      ...(filters.match === null ? {} : { match: filters.match }),
      area: filters.areaId,
      concern: filters.concernId,
      status: filters.status,
      flagged: filters.flagged ? 1 : 0,
      doNotTreat: filters.doNotTreat ? 1 : 0,
      consentMissing: filters.consentMissing ? 1 : 0,
      from: filters.from,
      to: filters.to
    })
}

describe('every combination of filters, with and without text', () => {
  it.each(
    everyQueryShape().map(({ text, names }) => ({
      text,
      names,
      label: `${text ? 'search' : 'list'} ${names.join(' + ')}`
    }))
  )('$label: the same pages and total as the plain query', ({ text, names }) => {
    const expected = reference(filtersFor(text, names))
    for (const offset of [0, 50]) {
      const { rows, total, totalExact } = searchConsults(db, filtersFor(text, names, offset))
      expect(rows.map((row) => row.rowid)).toEqual(expected.slice(offset, offset + 50))
      expect({ total, totalExact }).toEqual({ total: expected.length, totalExact: true })
    }
  })

  it('has filters that match some consults and leave out others, so the comparison means something', () => {
    const all = reference(filtersFor(false, [])).length
    const each = ['area', 'concern', 'status', 'flagged', 'doNotTreat', 'consentMissing', 'from'].map(
      (name) => reference(filtersFor(false, [name])).length
    )
    for (const count of each) expect(count).toBeGreaterThan(50)
    for (const count of each) expect(count).toBeLessThan(all)
    expect(reference(filtersFor(false, ['area', 'concern', 'status', 'flagged', 'from', 'to'])).length).toBeGreaterThan(
      0
    )
  })
})

describe('the total', () => {
  const plain = { ...filtersFor(false, []), exactTotal: false }

  it(`stops counting past ${TOTAL_CAP.toLocaleString('en')} unless asked, and says so`, () => {
    expect(searchConsults(db, plain)).toMatchObject({ total: TOTAL_CAP, totalExact: false })
    expect(searchConsults(db, { ...plain, exactTotal: true })).toMatchObject({ total: 1500, totalExact: true })
  })

  it('is exact when there are fewer, and reaches past the page being shown', () => {
    const signedFace = { ...filtersFor(false, ['area', 'status']), exactTotal: false }
    expect(searchConsults(db, signedFace)).toMatchObject({ total: reference(signedFace).length, totalExact: true })
    expect(searchConsults(db, { ...plain, offset: 1400 })).toMatchObject({ total: 1450, totalExact: false })
  })
})
