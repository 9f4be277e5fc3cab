import type { Patient } from '../../../electron/contract'
import { api } from '../lib/api'
import { LatestRequest, STALE } from '../lib/latest-request'

const PAGE_SIZE = 50

/** The Patients list: what was typed, the matching patients loaded so far, how many match, and any error. */
export class PatientSearch {
  #query = $state('')
  #results = $state.raw<readonly Patient[]>([])
  #total = $state(0)
  #totalExact = $state(true)
  /** A page came back short: there are no more to load (what says so past "1,000+"). */
  #lastPageShort = $state(false)
  #loading = $state(true)
  #loadingMore = $state(false)
  #error = $state<string | null>(null)
  #requests = new LatestRequest()
  #pending: Promise<void> = Promise.resolve()

  get query(): string {
    return this.#query
  }
  get results(): readonly Patient[] {
    return this.#results
  }
  /** How many patients match in all (at least, when not `totalExact`); `results` holds the first pages of them. */
  get total(): number {
    return this.#total
  }
  /** False past 1,000 matches, which are not counted one by one: the list says "1,000+". */
  get totalExact(): boolean {
    return this.#totalExact
  }
  get loading(): boolean {
    return this.#loading
  }
  get loadingMore(): boolean {
    return this.#loadingMore
  }
  get hasMore(): boolean {
    return this.#totalExact ? this.#results.length < this.#total : !this.#lastPageShort
  }
  get error(): string | null {
    return this.#error
  }

  search(query: string): Promise<void> {
    this.#pending = this.#run(query)
    return this.#pending
  }

  /** Resolves once the results match what was typed last, so Enter never acts on stale ones. */
  async settled(): Promise<void> {
    let seen: Promise<void>
    do {
      seen = this.#pending
      await seen
    } while (seen !== this.#pending)
  }

  /** Appends the next page of matches. */
  async loadMore(): Promise<void> {
    if (this.#loadingMore || !this.hasMore) return
    this.#loadingMore = true
    const result = await this.#requests.within(
      api.patients.search({ query: this.#query, limit: PAGE_SIZE, offset: this.#results.length })
    )
    this.#loadingMore = false
    if (result === STALE) return
    if (result.ok) {
      this.#results = [...this.#results, ...result.value]
      this.#lastPageShort = result.value.length < PAGE_SIZE
    } else this.#error = result.error.message
  }

  async #run(query: string): Promise<void> {
    this.#query = query
    this.#loading = true
    const answer = await this.#requests.next(
      Promise.all([api.patients.search({ query, limit: PAGE_SIZE }), api.patients.count({ query })])
    )
    // A slower, older answer must not overwrite a newer one.
    if (answer === STALE) return
    const [page, count] = answer
    this.#loading = false
    if (page.ok && count.ok) {
      this.#results = page.value
      this.#lastPageShort = page.value.length < PAGE_SIZE
      this.#total = count.value.total
      this.#totalExact = count.value.exact
      this.#error = null
    } else {
      this.#error = (page.ok ? null : page.error.message) ?? (count.ok ? null : count.error.message)
    }
  }
}
