import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { everyQueryShape, pageQueries } from '../../db/queries/consult-search'
import { WAITING } from '../../db/queries/reindex-queue'
import { openDatabase } from '../../db/open'
import type { WritableDB } from '../../db/types'
import { makeTempDir } from '../support/temp-dir'

// The list and search must never read every consult: each query shape walks one index range
// newest first and stops at its LIMIT. The only SCANs allowed are those bounded walks, in the
// list's order, down consults_for_listing, or down a partial index that holds only matches
// (flagged, do not treat today, consent missing); everything else must be a SEARCH, and
// nothing may sort in a temporary b-tree.
const BOUNDED_WALKS = [
  /^SCAN c USING COVERING INDEX consults_for_listing$/,
  /^SCAN c USING COVERING INDEX consults_flagged$/,
  // Not covering (SQLite checks do_not_treat_count in the row), but every entry is a match.
  /^SCAN c USING INDEX consults_do_not_treat$/,
  /^SCAN m USING COVERING INDEX consult_consent_missing$/
]
const FULL_READS = /^SCAN (c|t|x|m|d|consults|consult_tags|consult_consent_state)\b|USE TEMP B-TREE/

let dir: ReturnType<typeof makeTempDir>
let db: WritableDB
beforeAll(() => {
  dir = makeTempDir()
  db = openDatabase(join(dir.path, 'consults.sqlite'))
})
afterAll(() => {
  db.close()
  dir.remove()
})

const parameters = {
  area: 'face',
  concern: 'acne-scars',
  status: 'signed',
  from: '2024-01-01T00:00:00.000Z',
  to: '2025-01-01T00:00:00.000Z',
  match: '"a"*',
  limit: 50,
  offset: 0,
  cap: 1001
}

function plan(sql: string): string[] {
  const statement = db.prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
  const used = Object.fromEntries(Object.entries(parameters).filter(([name]) => sql.includes(`@${name}`)))
  return statement.all(used).map((row) => row.detail)
}

const fullReads = (details: string[]) =>
  details.filter((detail) => FULL_READS.test(detail) && !BOUNDED_WALKS.some((walk) => walk.test(detail)))

describe('query plans of the Past consults list and search', () => {
  const shapes = everyQueryShape().map(({ text, names }) => ({
    label: `${text ? 'search' : 'list'}${names.length ? ` + ${names.join(' + ')}` : ''}`,
    ...pageQueries(text, names)
  }))

  it('covers every combination of filters, with and without text', () => {
    expect(shapes).toHaveLength(2 * 256)
  })

  it.each(shapes)('$label: the page reads an index range, never every consult', ({ page }) => {
    const details = plan(page)
    expect(fullReads(details), details.join('\n')).toEqual([])
    expect(page).toMatch(/LIMIT @limit/)
  })

  it.each(shapes)('$label: the capped total reads an index range, never every consult', ({ count }) => {
    const details = plan(count)
    expect(fullReads(details), details.join('\n')).toEqual([])
    expect(count).toMatch(/LIMIT @cap\)$/)
  })

  it('a filter on a single tag walks consult_tags by its key, not the consults', () => {
    expect(plan(pageQueries(false, ['area']).page)).toContainEqual(
      expect.stringMatching(/^SEARCH t USING PRIMARY KEY \(kind=\? AND value=\?\)/)
    )
  })

  it('a date range on text search is a range of the search index rowids', () => {
    expect(plan(pageQueries(true, ['from', 'to']).page).join('\n')).toMatch(/VIRTUAL TABLE INDEX \d+:M\d*></)
  })
})

describe('the index queue', () => {
  it('is read by its own few rows, each consult looked up by rowid, never by a scan of the consults', () => {
    expect(plan(WAITING)).toEqual(['SCAN q', 'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)'])
  })
})
