import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Patient, PatientCount, Result } from '../../../electron/contract'
import { PatientSearch } from './patient-search.svelte'

const search = vi.hoisted(() => vi.fn<(input: { query: string }) => Promise<Result<readonly Patient[]>>>())
const count = vi.hoisted(() =>
  vi.fn<(input: { query: string }) => Promise<Result<PatientCount>>>(async () => ({
    ok: true,
    value: { total: 0, exact: true }
  }))
)
vi.mock('../lib/api', () => ({ api: { patients: { search, count } } }))

/** A search answer the test releases when it chooses. */
function answerLater() {
  let release!: (result: Result<readonly Patient[]>) => void
  search.mockImplementationOnce(() => new Promise((done) => (release = done)))
  return (result: Result<readonly Patient[]>) => release(result)
}
const found = (...names: string[]): Result<readonly Patient[]> => ({
  ok: true,
  value: names.map((fullName, i) => ({ id: String(i), fullName }) as Patient)
})

beforeEach(() => search.mockReset())

describe('the patient search', () => {
  it('shows the answer to what was typed last, even when an older answer arrives after it', async () => {
    const state = new PatientSearch()
    const answerA = answerLater()
    const answerAd = answerLater()
    const first = state.search('a')
    const second = state.search('ad')
    expect(state.query).toBe('ad')
    expect(state.loading).toBe(true)

    answerAd(found('Ada Lovelace'))
    await second
    answerA(found('Alan Turing', 'Ada Lovelace'))
    await first
    expect(state.results.map((p) => p.fullName)).toEqual(['Ada Lovelace'])
    expect(state.loading).toBe(false)
  })

  it('settles only once the last search has its answer', async () => {
    const state = new PatientSearch()
    const answer = answerLater()
    void state.search('grace')
    let settled = false
    const waiting = state.settled().then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    answer(found('Grace Hopper'))
    await waiting
    expect(state.results.map((p) => p.fullName)).toEqual(['Grace Hopper'])
  })

  it('keeps the last results and shows the message when a search fails', async () => {
    const state = new PatientSearch()
    search.mockResolvedValueOnce(found('Ada Lovelace'))
    await state.search('ada')
    search.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'Something went wrong.' } })
    await state.search('adam')
    expect(state.error).toBe('Something went wrong.')
    expect(state.results.map((p) => p.fullName)).toEqual(['Ada Lovelace'])
    search.mockResolvedValueOnce(found())
    await state.search('')
    expect(state.error).toBeNull()
  })

  it('past 1,000 matches offers more pages until one comes back short', async () => {
    const state = new PatientSearch()
    const page = (size: number, from = 0) => found(...Array.from({ length: size }, (_, i) => `Patient ${from + i}`))
    search.mockResolvedValueOnce(page(50))
    count.mockResolvedValueOnce({ ok: true, value: { total: 1000, exact: false } })
    await state.search('')
    expect([state.total, state.totalExact, state.hasMore]).toEqual([1000, false, true])
    search.mockResolvedValueOnce(page(50, 50))
    await state.loadMore()
    expect(state.hasMore).toBe(true)
    search.mockResolvedValueOnce(page(7, 100))
    await state.loadMore()
    expect(state.results).toHaveLength(107)
    expect(state.hasMore).toBe(false)
  })

  it('with an exact count offers more pages until every match is loaded', async () => {
    const state = new PatientSearch()
    search.mockResolvedValueOnce(found('Ada Lovelace', 'Alan Turing'))
    count.mockResolvedValueOnce({ ok: true, value: { total: 3, exact: true } })
    await state.search('a')
    expect(state.hasMore).toBe(true)
    search.mockResolvedValueOnce(found('Ada Byron'))
    await state.loadMore()
    expect(state.hasMore).toBe(false)
  })
})
