import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, ok, type Result } from '../../electron/contract'
import { Autosaver, type SaveState } from '../../renderer/src/consult/autosave'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function setup(answer: (value: string) => Promise<Result<unknown>> = async () => ok(null)) {
  const saved: string[] = []
  const states: SaveState[] = []
  const errors: string[] = []
  const save = vi.fn(async (value: string) => {
    saved.push(value)
    return answer(value)
  })
  const saver = new Autosaver<string>(
    save,
    (state, error) => {
      states.push(state)
      if (error) errors.push(error)
    },
    400
  )
  return { saver, saved, states, errors, save }
}

describe('autosave', () => {
  it('saves once, with the latest value, shortly after the last change', async () => {
    const { saver, saved, states } = setup()
    saver.schedule('a')
    saver.schedule('ab')
    await vi.advanceTimersByTimeAsync(300)
    saver.schedule('abc')
    expect(saved).toEqual([])
    await vi.advanceTimersByTimeAsync(400)
    expect(saved).toEqual(['abc'])
    expect(states.at(-1)).toBe('saved')
    expect(saver.hasUnsaved).toBe(false)
  })

  it('runs one save at a time and saves a change made during a save afterwards', async () => {
    let release!: () => void
    const first = new Promise<void>((resolve) => (release = resolve))
    const { saver, saved } = setup(async (value) => {
      if (value === 'one') await first
      return ok(null)
    })
    saver.schedule('one')
    await vi.advanceTimersByTimeAsync(400)
    saver.schedule('two')
    await vi.advanceTimersByTimeAsync(400)
    expect(saved).toEqual(['one'])
    release()
    await vi.advanceTimersByTimeAsync(0)
    expect(saved).toEqual(['one', 'two'])
  })

  it('keeps a value whose save failed, reports the error, and saves it on the next try', async () => {
    let failing = true
    const { saver, saved, states, errors } = setup(async () =>
      failing ? fail({ code: 'internal', message: 'Disk full' }) : ok(null)
    )
    saver.schedule('note')
    await vi.advanceTimersByTimeAsync(400)
    expect(states.at(-1)).toBe('error')
    expect(errors).toEqual(['Disk full'])
    expect(saver.hasUnsaved).toBe(true)
    failing = false
    await saver.flush()
    expect(saved).toEqual(['note', 'note'])
    expect(states.at(-1)).toBe('saved')
  })

  it('flush saves at once, without waiting for the delay', async () => {
    const { saver, saved } = setup()
    saver.schedule('closing')
    await saver.flush()
    expect(saved).toEqual(['closing'])
  })

  it('does not retry a save refused as a conflict (signed, or changed elsewhere), and says why', async () => {
    const { saver, saved, errors } = setup(async () =>
      fail({ code: 'conflict', message: 'This draft was changed elsewhere.' })
    )
    saver.schedule('old')
    await vi.advanceTimersByTimeAsync(400)
    await saver.flush()
    expect(saved).toEqual(['old'])
    expect(errors).toEqual(['This draft was changed elsewhere.'])
    expect(saver.hasUnsaved).toBe(false)
  })
})
