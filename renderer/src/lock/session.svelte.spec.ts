import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { session } from './session.svelte'

const api = vi.hoisted(() => {
  // The session listens for activity on the page.
  Object.assign(globalThis, { window: new EventTarget() })
  return {
    setup: { state: vi.fn() },
    settings: { get: vi.fn() },
    practitioners: { list: vi.fn() },
    session: { unlock: vi.fn(), lock: vi.fn(), current: vi.fn() }
  }
})
vi.mock('../lib/api', () => ({ api, onLocked: vi.fn() }))
vi.mock('../lib/locale.svelte', () => ({ locale: { use: vi.fn() } }))

const ada = { id: 'a', name: 'Ada', active: true }
const gone = { id: 'b', name: 'Bea', active: false }
const unlockedAs = (idleMinutes: number) => ({ practitioner: { id: ada.id, name: ada.name }, idleMinutes })

beforeEach(() => {
  vi.useFakeTimers()
  api.setup.state.mockResolvedValue({ ok: true, value: { done: true } })
  api.settings.get.mockResolvedValue({ ok: true, value: { settings: { idleLockMinutes: 2, clinicName: 'Harbour' } } })
  api.practitioners.list.mockResolvedValue({ ok: true, value: [ada, gone] })
  api.session.unlock.mockResolvedValue({ ok: true, value: unlockedAs(2) })
  api.session.lock.mockResolvedValue({ ok: true, value: null })
  api.session.current.mockResolvedValue({ ok: true, value: unlockedAs(2) })
})
afterAll(() => vi.useRealTimers())

describe('the app session', () => {
  it('starts locked, lists only active practitioners, and a PIN makes that practitioner the one working', async () => {
    await session.load()
    expect(session.setupDone).toBe(true)
    expect(session.locked).toBe(true)
    expect(session.practitioners).toEqual([ada])
    const result = await session.unlockWith(ada.id, '2468')
    expect(result.ok).toBe(true)
    expect(api.session.unlock).toHaveBeenCalledWith({ id: ada.id, pin: '2468' })
    expect(session.working).toEqual({ id: ada.id, name: ada.name })
    await vi.advanceTimersByTimeAsync(0)
    expect(session.clinicName).toBe('Harbour')
  })

  it('locks after the idle minutes, activity restarts the count, and locking ends the session in the main process', async () => {
    session.unlocked(unlockedAs(2))
    await vi.advanceTimersByTimeAsync(90_000)
    window.dispatchEvent(new Event('keydown'))
    await vi.advanceTimersByTimeAsync(90_000)
    expect(session.locked).toBe(false)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(session.locked).toBe(true)
    expect(session.working).toBeNull()
    expect(api.session.lock).toHaveBeenCalled()
  })

  it('stays locked until unlocked, then counts again from the new idle minutes', async () => {
    session.lock()
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(session.locked).toBe(true)
    session.unlocked(unlockedAs(5))
    session.settingsSaved({ idleLockMinutes: 1, clinicName: 'Harbour' })
    await vi.advanceTimersByTimeAsync(59_000)
    expect(session.locked).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(session.locked).toBe(true)
  })
})
