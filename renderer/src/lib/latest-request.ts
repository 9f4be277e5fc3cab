/** Marks an answer that arrived after a newer request had started: the caller drops it. */
export const STALE: unique symbol = Symbol('stale')

/**
 * "The latest request wins" for a screen that asks again while an earlier answer is on its way
 * (typing, filters, paging): an older answer arriving late is dropped, never shown over a newer one.
 */
export class LatestRequest {
  #latest = 0

  /** Awaits a request that replaces every earlier one; STALE if a newer one started meanwhile. */
  async next<T>(request: Promise<T>): Promise<T | typeof STALE> {
    const ticket = ++this.#latest
    const answer = await request
    return ticket === this.#latest ? answer : STALE
  }

  /** Awaits more for the latest request (e.g. its next page) without replacing it; STALE if a newer one started. */
  async within<T>(request: Promise<T>): Promise<T | typeof STALE> {
    const ticket = this.#latest
    const answer = await request
    return ticket === this.#latest ? answer : STALE
  }
}
