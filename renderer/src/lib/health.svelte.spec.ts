import { flushSync } from 'svelte'
import { describe, expect, it, vi } from 'vitest'
import type { Health } from '../../../electron/contract'
import { health } from './health.svelte'

const api = vi.hoisted(() => ({ app: { health: vi.fn() } }))
vi.mock('./api', () => ({ api }))

const damaged: Health = {
  writable: false,
  problems: ['The database file is damaged.'],
  latestGoodBackup: { name: 'consults-20261124-090000-000-auto.manifest', createdAt: '', reason: 'auto', bytes: 1 },
  backupPractitioners: [{ id: 'a', name: 'Ada' }]
}

describe('the database health', () => {
  it('assumes a sound database until the checks answer', () => {
    expect([health.writable, health.problems, health.latestGoodBackup, health.backupPractitioners]).toEqual([
      true,
      [],
      null,
      []
    ])
  })

  it('shows what the checks found, and what a later load finds, to whatever reads it', async () => {
    const seen: boolean[] = []
    const stop = $effect.root(() => {
      $effect(() => void seen.push(health.writable))
    })
    flushSync()
    api.app.health.mockResolvedValueOnce({ ok: true, value: damaged })
    await health.load()
    flushSync()
    expect([health.writable, health.problems, health.latestGoodBackup, health.backupPractitioners]).toEqual([
      false,
      damaged.problems,
      damaged.latestGoodBackup,
      damaged.backupPractitioners
    ])

    api.app.health.mockResolvedValueOnce({
      ok: true,
      value: { writable: true, problems: [], latestGoodBackup: null, backupPractitioners: [] }
    })
    await health.load()
    flushSync()
    expect(seen).toEqual([true, false, true])
    stop()
  })

  it('keeps what it knew when the checks cannot be read', async () => {
    api.app.health.mockResolvedValueOnce({ ok: true, value: damaged })
    await health.load()
    api.app.health.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'Something went wrong.' } })
    await health.load()
    expect(health.problems).toEqual(damaged.problems)
    expect(health.writable).toBe(false)
  })
})
