import { beforeEach, describe, expect, it, vi } from 'vitest'
import { channels, ok } from '../../electron/contract'

type Handler = (event: { senderFrame: { url: string } | null; sender: unknown }, input: unknown) => Promise<unknown>
const handlers = new Map<string, Handler>()

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) }
}))

const { registerIpcHandlers } = await import('../../electron/main/ipc')

describe('IPC handlers', () => {
  const dispatch = vi.fn(async () => ok('done'))

  beforeEach(() => {
    handlers.clear()
    dispatch.mockClear()
    delete process.env['ELECTRON_RENDERER_URL']
    registerIpcHandlers(dispatch)
  })

  it('are registered for exactly the contract’s calls', () => {
    expect([...handlers.keys()]).toEqual(channels)
  })

  it('refuse a sender that is not the app’s own page, and never reach the service', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', 'about:blank']) {
      const result = await handlers.get('patients.search')!({ senderFrame: { url }, sender: {} }, { query: '' })
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(await handlers.get('patients.search')!({ senderFrame: null, sender: {} }, {})).toMatchObject({ ok: false })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('pass the app’s own page through, with the sender for printing and the session the page holds', async () => {
    const { rendererEntry } = await import('../../electron/main/renderer-entry')
    const sender = { id: 1 }
    const frame = { senderFrame: { url: `${rendererEntry()}#/patients` }, sender }
    const result = await handlers.get('patients.search')!(frame, { input: { query: 'a' }, session: 'secret' })
    expect(result).toEqual({ ok: true, value: 'done' })
    expect(dispatch).toHaveBeenCalledWith('patients.search', { query: 'a' }, { sender, session: 'secret' })
    await handlers.get('patients.search')!(frame, 'not an envelope')
    expect(dispatch).toHaveBeenLastCalledWith('patients.search', undefined, { sender, session: undefined })
  })
})
