import { describe, expect, it } from 'vitest'
import { LatestRequest, STALE } from './latest-request'

/** A request whose answer the test releases when it chooses. */
function later<T>(): { promise: Promise<T>; answer: (value: T) => void } {
  let answer!: (value: T) => void
  const promise = new Promise<T>((done) => (answer = done))
  return { promise, answer }
}

describe('the latest request wins', () => {
  it('drops an older answer that arrives after a newer request started', async () => {
    const requests = new LatestRequest()
    const older = later<string>()
    const newer = later<string>()
    const first = requests.next(older.promise)
    const second = requests.next(newer.promise)
    newer.answer('ad')
    older.answer('a')
    expect(await second).toBe('ad')
    expect(await first).toBe(STALE)
  })

  it('keeps an answer when no newer request started, even if it comes last', async () => {
    const requests = new LatestRequest()
    const only = later<string>()
    const waiting = requests.next(only.promise)
    await Promise.resolve()
    only.answer('ada')
    expect(await waiting).toBe('ada')
  })

  it('keeps more for the latest request without replacing it, and drops it once a newer one starts', async () => {
    const requests = new LatestRequest()
    const search = requests.next(Promise.resolve('page 1'))
    const more = requests.within(Promise.resolve('page 2'))
    expect(await search).toBe('page 1')
    expect(await more).toBe('page 2')

    const late = later<string>()
    const lateMore = requests.within(late.promise)
    void requests.next(Promise.resolve('new search'))
    late.answer('page 2 of the old search')
    expect(await lateMore).toBe(STALE)
  })
})
