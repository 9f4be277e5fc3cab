import content from 'virtual:content'
import type { ExportedConsult, ExportedPhoto, RefusedImport } from '../../../electron/contract'
import { IMPORT_BATCH_BYTES } from '../../../electron/contract/export-format'
import { api } from '../lib/api'
import { download, exportCsv, exportJson, readExport } from './export-file'
import { exportZip, openExport, restorePhotos } from './export-photos'

const PAGE = 250

/** One export or import at a time, with its progress for the screen to show. */
export class Transfer {
  #done = $state(0)
  #total = $state(0)
  #unit = $state<'consults' | 'photos'>('consults')
  #busy = $state(false)
  #message = $state<string | null>(null)
  #error = $state<string | null>(null)
  #refused = $state.raw<readonly RefusedImport[]>([])
  #refusedPhotos = $state.raw<readonly string[]>([])

  get done(): number {
    return this.#done
  }
  get total(): number {
    return this.#total
  }
  /** What `done` and `total` count. */
  get unit(): 'consults' | 'photos' {
    return this.#unit
  }
  get busy(): boolean {
    return this.#busy
  }
  get message(): string | null {
    return this.#message
  }
  get error(): string | null {
    return this.#error
  }
  /** Records of the last import that were not imported, each with the reason. */
  get refused(): readonly RefusedImport[] {
    return this.#refused
  }
  /** Photos of the last import that were not added, each with the reason. */
  get refusedPhotos(): readonly string[] {
    return this.#refusedPhotos
  }

  #start(): void {
    this.#busy = true
    this.#done = 0
    this.#total = 0
    this.#unit = 'consults'
    this.#message = null
    this.#error = null
    this.#refused = []
    this.#refusedPhotos = []
  }

  async export(patientId: string | null, format: 'json' | 'csv', fileStem: string): Promise<void> {
    this.#start()
    const items: ExportedConsult[] = []
    for (let offset = 0; ; offset += PAGE) {
      const result = await api.transfer.exportPage({ patientId, offset, limit: PAGE })
      if (!result.ok) {
        this.#error = result.error.message
        this.#busy = false
        return
      }
      items.push(...result.value.items)
      this.#total = result.value.total
      this.#done = items.length
      if (result.value.items.length < PAGE) break
    }
    const date = new Date().toISOString().slice(0, 10)
    const withPhotos = format === 'json' && items.some((item) => item.photos.length > 0)
    try {
      if (withPhotos) {
        const zip = await exportZip(exportJson(items), items, this.#progress('photos'))
        download(`${fileStem} ${date}.zip`, zip, 'application/zip')
      } else if (format === 'json') download(`${fileStem} ${date}.json`, exportJson(items), 'application/json')
      else download(`${fileStem} ${date}.csv`, exportCsv(content, items), 'text/csv')
      this.#message = `Exported ${items.length} consult${items.length === 1 ? '' : 's'}${withPhotos ? ', with their photos beside them in a zip file' : ''}.`
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error)
    }
    this.#busy = false
  }

  #progress(unit: 'consults' | 'photos') {
    this.#unit = unit
    return (done: number, total: number) => {
      this.#done = done
      this.#total = total
    }
  }

  async import(file: File): Promise<void> {
    this.#start()
    try {
      const opened = await openExport(file)
      const items = readExport(opened.json)
      this.#total = items.length
      let added = 0
      let skipped = 0
      const refused: RefusedImport[] = []
      for (const slice of importBatches(items)) {
        // Untrusted file content: the contract's schema checks every item on the other side.
        const batch = { items: slice } as Parameters<typeof api.transfer.importBatch>[0]
        const result = await api.transfer.importBatch(batch)
        if (!result.ok) throw new Error(`${result.error.message} ${added} consults were imported before this.`)
        added += result.value.added
        skipped += result.value.skipped
        refused.push(...result.value.refused)
        this.#done += slice.length
      }
      this.#refused = refused
      // The server checked every item's photos in its batch; only their files are still to send,
      // for the consults it took.
      const refusedIds = new Set(refused.map((r) => r.consultId))
      const photos = items
        .flatMap((item) => (item as { photos?: ExportedPhoto[] }).photos ?? [])
        .filter((photo) => !refusedIds.has(photo.consultId))
      const restored =
        photos.length > 0
          ? await restorePhotos(photos, opened.photos, this.#progress('photos'))
          : { added: 0, refused: [] }
      this.#refusedPhotos = restored.refused
      const photosHere = photos.length - restored.added - restored.refused.length
      this.#message =
        `Imported ${added} consult${added === 1 ? '' : 's'}; ${skipped} ${skipped === 1 ? 'was' : 'were'} already here` +
        (refused.length > 0 ? `; ${refused.length} refused (listed below).` : '.') +
        (photos.length > 0
          ? ` Photos: ${restored.added} added, ${photosHere} already here` +
            (restored.refused.length > 0 ? `, ${restored.refused.length} not imported (listed below).` : '.')
          : '')
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error)
    } finally {
      this.#busy = false
    }
  }
}

/** Slices of the file's items, each at most PAGE items and about IMPORT_BATCH_BYTES of JSON (a larger item goes alone). */
export function importBatches(items: readonly unknown[]): unknown[][] {
  const batches: unknown[][] = []
  let current: unknown[] = []
  let bytes = 0
  for (const item of items) {
    const size = new TextEncoder().encode(JSON.stringify(item)).length
    if (current.length > 0 && (current.length === PAGE || bytes + size > IMPORT_BATCH_BYTES)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(item)
    bytes += size
  }
  if (current.length > 0) batches.push(current)
  return batches
}
