import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { session } from './session.svelte'

const api = vi.hoisted(() => {
  // The session listens for activity on the page.
  Object.assign(globalThis, { window: new EventTarget() })
  return {
    setup: { state: vi.fn() },
    settings: { get: vi.fn() },
    practitioners: { list: vi.fn() }
  }
})
vi.mock('../lib/api', () => ({ api }))

const ada = { id: 'a', name: 'Ada', active: true }
const gone = { id: 'b', name: 'Bea', active: false }

beforeEach(() => {
  vi.useFakeTimers()
  api.setup.state.mockResolvedValue({ ok: true, value: { done: true } })
  api.settings.get.mockResolvedValue({ ok: true, value: { settings: { idleLockMinutes: 2 } } })
  api.practitioners.list.mockResolvedValue({ ok: true, value: [ada, gone] })
})
afterAll(() => vi.useRealTimers())

describe('the app session', () => {
  it('locks after the idle minutes from Settings, and activity restarts the count', async () => {
    await session.load()
    expect(session.setupDone).toBe(true)
    expect(session.practitioners).toEqual([ada])

    await vi.advanceTimersByTimeAsync(90_000)
    window.dispatchEvent(new Event('keydown'))
    await vi.advanceTimersByTimeAsync(90_000)
    expect(session.locked).toBe(false)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(session.locked).toBe(true)
  })

  it('stays locked until unlocked, then counts again from the new idle minutes', async () => {
    session.lock()
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(session.locked).toBe(true)
    session.unlocked()
    session.setIdleMinutes(1)
    await vi.advanceTimersByTimeAsync(59_000)
    expect(session.locked).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(session.locked).toBe(true)
    session.unlocked()
  })
})
