import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConsultPage, Result } from '../../../electron/contract'
import { ConsultFinder, PAGE_SIZE } from './consult-finder.svelte'

const search = vi.hoisted(() => vi.fn<(input: Record<string, unknown>) => Promise<Result<ConsultPage>>>())
vi.mock('../lib/api', () => ({ api: { consults: { search } } }))

const page = (total: number): Result<ConsultPage> => ({
  ok: true,
  value: { items: [], total } as unknown as ConsultPage
})

beforeEach(() => {
  search.mockReset()
  search.mockResolvedValue(page(0))
})
afterEach(() => vi.useRealTimers())

describe('the past-consults finder', () => {
  it('asks for what the filters say, with dates as whole local days and empty filters as none', async () => {
    const finder = new ConsultFinder()
    Object.assign(finder.filters, {
      query: 'lov',
      areaId: 'face',
      flagged: true,
      fromDate: '2025-03-01',
      toDate: '2025-03-02'
    })
    await finder.load()
    expect(search).toHaveBeenCalledWith({
      doNotTreat: false,
      consentMissing: false,
      exactTotal: false,
      query: 'lov',
      areaId: 'face',
      concernId: null,
      status: null,
      flagged: true,
      from: new Date(2025, 2, 1).toISOString(),
      to: new Date(2025, 2, 3).toISOString(),
      limit: PAGE_SIZE,
      offset: 0
    })
    expect(finder.hasFilters).toBe(true)
  })

  it('shows the page for the latest search, even when an older answer arrives after it', async () => {
    const finder = new ConsultFinder()
    let releaseOld!: (result: Result<ConsultPage>) => void
    search.mockImplementationOnce(() => new Promise((done) => (releaseOld = done)))
    const older = finder.load()
    finder.filters.query = 'ada'
    await finder.load()
    releaseOld(page(99))
    await older
    expect(search).toHaveBeenCalledTimes(2)
    expect(finder.page?.total).toBe(0)
    expect(finder.loading).toBe(false)
  })

  it('searches once after a pause in typing, from the first page', async () => {
    vi.useFakeTimers()
    const finder = new ConsultFinder()
    finder.goToOffset(100)
    search.mockClear()
    for (const query of ['l', 'lo', 'lov']) {
      finder.filters.query = query
      finder.changed(true)
      await vi.advanceTimersByTimeAsync(20) // faster than the typing pause
    }
    expect(search).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(200)
    expect(search).toHaveBeenCalledOnce()
    expect(search.mock.calls[0]![0]).toMatchObject({ query: 'lov', offset: 0 })
  })

  it('clears the filters but keeps what was typed', async () => {
    const finder = new ConsultFinder()
    Object.assign(finder.filters, { query: 'ada', status: 'signed', concernId: 'scars' })
    finder.clearFilters()
    expect(finder.filters).toMatchObject({ query: 'ada', status: '', concernId: '' })
    expect(finder.hasFilters).toBe(false)
  })

  it('shows the message of a failed search', async () => {
    search.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'Something went wrong.' } })
    const finder = new ConsultFinder()
    await finder.load()
    expect(finder.error).toBe('Something went wrong.')
  })
})
