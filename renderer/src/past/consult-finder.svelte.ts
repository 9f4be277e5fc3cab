import type { ConsultPage } from '../../../electron/contract'
import { api } from '../lib/api'
import { LatestRequest, STALE } from '../lib/latest-request'
import { TYPING_PAUSE_MS } from './typing-pause'

export const PAGE_SIZE = 50

export interface FinderFilters {
  query: string
  areaId: string
  concernId: string
  status: '' | 'draft' | 'signed'
  flagged: boolean
  doNotTreat: boolean
  consentMissing: boolean
  /** YYYY-MM-DD, local dates, inclusive. */
  fromDate: string
  toDate: string
}

const empty: FinderFilters = {
  query: '',
  areaId: '',
  concernId: '',
  status: '',
  flagged: false,
  doNotTreat: false,
  consentMissing: false,
  fromDate: '',
  toDate: ''
}

/** Local midnight of a YYYY-MM-DD date, `days` later, as an ISO timestamp. */
function startOfDay(date: string, days = 0): string | null {
  if (!date) return null
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const local = new Date(y, m - 1, d + days)
  return Number.isNaN(local.getTime()) ? null : local.toISOString()
}

/** Past consults: the search and filters, and the page of results they give. */
export class ConsultFinder {
  filters = $state<FinderFilters>({ ...empty })
  #offset = $state(0)
  #page = $state.raw<ConsultPage | null>(null)
  #loading = $state(false)
  #error = $state<string | null>(null)
  #exactTotal = $state(false)
  #requests = new LatestRequest()
  #timer: ReturnType<typeof setTimeout> | undefined

  get page(): ConsultPage | null {
    return this.#page
  }
  get loading(): boolean {
    return this.#loading
  }
  get error(): string | null {
    return this.#error
  }
  get offset(): number {
    return this.#offset
  }
  get hasFilters(): boolean {
    const f = this.filters
    return Boolean(
      f.areaId || f.concernId || f.status || f.flagged || f.doNotTreat || f.consentMissing || f.fromDate || f.toDate
    )
  }

  /** Search again from the first page; `soon` waits for a pause in typing. */
  changed(soon = false): void {
    this.#offset = 0
    this.#exactTotal = false
    clearTimeout(this.#timer)
    if (soon) this.#timer = setTimeout(() => void this.load(), TYPING_PAUSE_MS)
    else void this.load()
  }

  /** Counts every match of the present search (past "1,000+"), until it changes. */
  countAll(): void {
    this.#exactTotal = true
    void this.load()
  }

  goToOffset(offset: number): void {
    this.#offset = Math.max(0, offset)
    void this.load()
  }

  clearFilters(): void {
    this.filters = { ...empty, query: this.filters.query }
    this.changed()
  }

  async load(): Promise<void> {
    const f = this.filters
    this.#loading = true
    const result = await this.#requests.next(
      api.consults.search({
        query: f.query,
        areaId: f.areaId || null,
        concernId: f.concernId || null,
        status: f.status || null,
        flagged: f.flagged,
        doNotTreat: f.doNotTreat,
        consentMissing: f.consentMissing,
        from: startOfDay(f.fromDate),
        to: startOfDay(f.toDate, 1),
        limit: PAGE_SIZE,
        offset: this.#offset,
        exactTotal: this.#exactTotal
      })
    )
    if (result === STALE) return
    this.#loading = false
    if (result.ok) {
      this.#page = result.value
      this.#error = null
    } else {
      this.#error = result.error.message
    }
  }
}
