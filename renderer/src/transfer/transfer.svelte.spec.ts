import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedConsult } from '../../../electron/contract'
import { Transfer } from './transfer.svelte'

const api = vi.hoisted(() => ({ transfer: { exportPage: vi.fn(), importBatch: vi.fn() } }))
vi.mock('../lib/api', () => ({ api }))
const download = vi.hoisted(() => vi.fn())
vi.mock('./export-file', async (original) => ({ ...(await original<typeof import('./export-file')>()), download }))

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, photos: [] }) as unknown as ExportedConsult)

beforeEach(() => {
  api.transfer.exportPage.mockReset()
  api.transfer.importBatch.mockReset()
  download.mockReset()
})

describe('an export', () => {
  it('gathers every page, showing how many of how many so far, then saves one file', async () => {
    const transfer = new Transfer()
    const progress: [number, number][] = []
    api.transfer.exportPage.mockImplementation(async ({ offset, limit }: { offset: number; limit: number }) => {
      progress.push([transfer.done, transfer.total])
      return { ok: true, value: { total: 600, items: items(Math.min(limit, 600 - offset)) } }
    })
    await transfer.export(null, 'json', 'All consults')
    expect(progress).toEqual([
      [0, 0],
      [250, 600],
      [500, 600]
    ])
    expect([transfer.done, transfer.total, transfer.busy]).toEqual([600, 600, false])
    expect(download).toHaveBeenCalledOnce()
    expect(download.mock.calls[0]![0]).toMatch(/^All consults \d{4}-\d{2}-\d{2}\.json$/)
    expect(transfer.message).toBe('Exported 600 consults.')
  })

  it('stops with the message of a failed page and saves nothing', async () => {
    const transfer = new Transfer()
    api.transfer.exportPage.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong.' }
    })
    await transfer.export(null, 'csv', 'All consults')
    expect(transfer.error).toBe('Something went wrong.')
    expect(transfer.busy).toBe(false)
    expect(download).not.toHaveBeenCalled()
  })
})

describe('an import', () => {
  const file = (items: unknown[]) =>
    new File([JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, items })], 'export.json', {
      type: 'application/json'
    })

  it('refuses a file that is not an export, importing nothing', async () => {
    const transfer = new Transfer()
    await transfer.import(new File(['not json'], 'export.json', { type: 'application/json' }))
    expect(transfer.error).toBe('That file is not a Microneedling Consult export (it is not JSON).')
    expect(api.transfer.importBatch).not.toHaveBeenCalled()
  })

  it('says how many were added before a failed batch', async () => {
    const transfer = new Transfer()
    api.transfer.importBatch
      .mockResolvedValueOnce({ ok: true, value: { added: 250, skipped: 0, refused: [] } })
      .mockResolvedValueOnce({ ok: false, error: { code: 'invalid_input', message: 'Item 3 is not a consult.' } })
    await transfer.import(file(items(300)))
    expect(transfer.error).toBe('Item 3 is not a consult. 250 consults were imported before this.')
    expect(transfer.done).toBe(250)
  })
})
