import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Patient, Result } from '../../../electron/contract'
import { PatientSearch } from './patient-search.svelte'

const search = vi.hoisted(() => vi.fn<(input: { query: string }) => Promise<Result<readonly Patient[]>>>())
vi.mock('../lib/api', () => ({ api: { patients: { search, count: vi.fn(async () => ({ ok: true, value: 0 })) } } }))

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
})
