import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedConsult } from '../../../electron/contract'
import { Transfer } from './transfer.svelte'
import { writeZip } from './zip'

const api = vi.hoisted(() => ({
  transfer: { exportPage: vi.fn(), importBatch: vi.fn() },
  photos: { restore: vi.fn() }
}))
vi.mock('../lib/api', () => ({ api }))
// Node has no FileReader: the upload of a photo's bytes is the bridge's business, not this spec's.
vi.mock('../photos/photo-upload', () => ({ sendUpload: async () => 'upload-id' }))
const download = vi.hoisted(() => vi.fn())
vi.mock('./export-file', async (original) => ({ ...(await original<typeof import('./export-file')>()), download }))

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, photos: [] }) as unknown as ExportedConsult)

beforeEach(() => {
  api.transfer.exportPage.mockReset()
  api.transfer.importBatch.mockReset()
  api.photos.restore.mockReset()
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

  it('goes on past a refused photo, naming it with the reason, and sends each photo with its consult’s list', async () => {
    const photo = (id: string, consultId: string, sha: string) => ({
      id,
      consultId,
      sha256: sha.repeat(64),
      takenAt: '2026-03-01T10:00:00.000Z'
    })
    const kept = photo('p1', 'c1', 'a')
    const refusedPhoto = photo('p2', 'c1', 'b')
    const other = photo('p3', 'c2', 'c')
    const json = JSON.stringify({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      items: [
        { consult: { id: 'c1' }, photos: [kept, refusedPhoto] },
        { consult: { id: 'c2' }, photos: [other] }
      ]
    })
    const bytes = new TextEncoder().encode('jpeg')
    const zip = writeZip([
      { name: 'export.json', data: new TextEncoder().encode(json) },
      ...[kept, refusedPhoto].map((p) => ({ name: `photos/${p.sha256}.jpg`, data: bytes }))
    ])
    api.transfer.importBatch.mockResolvedValue({ ok: true, value: { added: 2, skipped: 0, refused: [] } })
    api.photos.restore.mockImplementation(async ({ photo }: { photo: { id: string } }) =>
      photo.id === 'p2'
        ? { ok: false, error: { code: 'invalid_input', message: 'It was not signed with its consult.' } }
        : { ok: true, value: true }
    )
    const transfer = new Transfer()
    await transfer.import(new File([zip], 'export.zip', { type: 'application/zip' }))
    expect(api.photos.restore.mock.calls.map(([input]) => [input.photo.id, input.consultPhotos])).toEqual([
      ['p1', [kept, refusedPhoto]],
      ['p2', [kept, refusedPhoto]]
    ])
    expect(transfer.message).toBe(
      'Imported 2 consults; 0 were already here. Photos: 1 added, 0 already here, 2 not imported (listed below).'
    )
    expect(transfer.refusedPhotos).toEqual([
      expect.stringMatching(/^The photo of .* \(photos\/b{64}\.jpg\): It was not signed with its consult\.$/),
      expect.stringMatching(/\(photos\/c{64}\.jpg\): its file is missing from the export\.$/)
    ])
    expect(transfer.error).toBeNull()
  })
})
