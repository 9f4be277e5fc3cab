import type { Patient } from '../../../electron/contract'
import { api } from '../lib/api'

/** The Patients list: what was typed, the matching patients, and any error fetching them. */
export class PatientSearch {
  #query = $state('')
  #results = $state.raw<readonly Patient[]>([])
  #loading = $state(true)
  #error = $state<string | null>(null)
  #latest = 0
  #pending: Promise<void> = Promise.resolve()

  get query(): string {
    return this.#query
  }
  get results(): readonly Patient[] {
    return this.#results
  }
  get loading(): boolean {
    return this.#loading
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

  async #run(query: string): Promise<void> {
    this.#query = query
    const ticket = ++this.#latest
    this.#loading = true
    const result = await api.patients.search({ query })
    // A slower, older answer must not overwrite a newer one.
    if (ticket !== this.#latest) return
    this.#loading = false
    if (result.ok) {
      this.#results = result.value
      this.#error = null
    } else {
      this.#error = result.error.message
    }
  }
}
