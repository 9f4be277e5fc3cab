import { flushSync } from 'svelte'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PhotoSummary } from '../../../electron/contract'
import { HandoutPicks } from './handout-picks.svelte'

const api = vi.hoisted(() => ({ photos: { handoutPicks: vi.fn(), pickForHandout: vi.fn() } }))
vi.mock('../lib/api', () => ({ api }))

const photo = (id: string) => ({ id }) as PhotoSummary
const consultId = '5f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'

beforeEach(() => {
  api.photos.handoutPicks.mockReset()
  api.photos.pickForHandout.mockReset().mockResolvedValue({ ok: true, value: null })
})

describe('the handout picks', () => {
  it('loads the consult’s picks, and each pick or unpick shows once the service has kept it', async () => {
    const picks = new HandoutPicks()
    const seen: string[][] = []
    const stop = $effect.root(() => {
      $effect(() => void seen.push([...picks.ids].sort()))
    })
    api.photos.handoutPicks.mockResolvedValue({ ok: true, value: ['p1', 'p2'] })
    await picks.load(consultId)
    flushSync()
    await picks.set(photo('p3'), true)
    flushSync()
    await picks.set(photo('p1'), false)
    flushSync()
    expect(api.photos.handoutPicks).toHaveBeenCalledWith({ consultId })
    expect(api.photos.pickForHandout.mock.calls).toEqual([[{ id: 'p3', picked: true }], [{ id: 'p1', picked: false }]])
    expect(seen).toEqual([[], ['p1', 'p2'], ['p1', 'p2', 'p3'], ['p2', 'p3']])
    stop()
  })

  it('a pick the service refuses changes nothing and says why, until the next pick holds', async () => {
    const picks = new HandoutPicks()
    api.photos.pickForHandout.mockResolvedValueOnce({
      ok: false,
      error: { code: 'unsupported', message: 'A signed consult’s handout photos cannot change.' }
    })
    await picks.set(photo('p1'), true)
    expect([...picks.ids]).toEqual([])
    expect(picks.problem).toBe('A signed consult’s handout photos cannot change.')
    await picks.set(photo('p2'), true)
    expect([...picks.ids]).toEqual(['p2'])
    expect(picks.problem).toBeNull()
  })

  it('keeps the picks it has when they cannot be loaded', async () => {
    const picks = new HandoutPicks()
    await picks.set(photo('p1'), true)
    api.photos.handoutPicks.mockResolvedValue({ ok: false, error: { code: 'locked', message: 'Locked.' } })
    await picks.load(consultId)
    expect([...picks.ids]).toEqual(['p1'])
  })
})
