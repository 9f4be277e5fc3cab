import type { ExportedConsult, ExportedPhoto } from '../../../electron/contract'
import { api } from '../lib/api'
import { formatDateTime } from '../lib/format'
import { sendUpload } from '../photos/photo-upload'
import { readZip, writeZip, type ZipEntry } from './zip'

/** In an export with photos, the JSON's name inside the zip; the photos sit beside it in `photos/`. */
export const EXPORT_JSON_NAME = 'export.json'
const photoEntry = (sha256: string) => `photos/${sha256}.jpg`

const bytesOf = (dataUrl: string) =>
  Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0))

/** The export as a zip: the JSON and each photo file once, checked against its hash on the way out. */
export async function exportZip(
  json: string,
  items: readonly ExportedConsult[],
  onPhoto: (done: number, total: number) => void
): Promise<Uint8Array<ArrayBuffer>> {
  const photos = [...new Map(items.flatMap((i) => i.photos).map((p) => [p.sha256, p])).values()]
  const entries: ZipEntry[] = [{ name: EXPORT_JSON_NAME, data: new TextEncoder().encode(json) }]
  for (const [index, photo] of photos.entries()) {
    const image = await api.photos.get({ id: photo.id })
    if (!image.ok) throw new Error(image.error.message)
    if (image.value.integrity !== 'ok' || !image.value.src) {
      throw new Error(
        `The photo of ${photo.takenAt.slice(0, 10)} is ${image.value.integrity === 'missing' ? 'missing' : 'damaged'}; restore the photos from a backup, then export again.`
      )
    }
    entries.push({ name: photoEntry(photo.sha256), data: bytesOf(image.value.src) })
    onPhoto(index + 1, photos.length)
  }
  return writeZip(entries)
}

/** An export file's JSON text and its photo files (none for a plain JSON export). */
export async function openExport(file: File): Promise<{ json: string; photos: Map<string, Uint8Array> }> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { json: new TextDecoder().decode(bytes), photos: new Map() }
  const entries = readZip(bytes)
  const json = entries.get(EXPORT_JSON_NAME)
  if (!json) throw new Error('That zip file is not a Microneedling Consult export.')
  const photos = new Map(
    [...entries].filter(([name]) => name.startsWith('photos/')).map(([name, data]) => [name.slice(7, -4), data])
  )
  return { json: new TextDecoder().decode(json), photos }
}

/** What became of an export's photos: how many were added, and each one refused, in words. */
export interface RestoredPhotos {
  readonly added: number
  readonly refused: readonly string[]
}

/** Sends one photo's file and asks for it to be added: true if added, false if here already, or why it was refused. */
async function restoreOne(
  photo: ExportedPhoto,
  data: Uint8Array | undefined,
  consultPhotos: ExportedPhoto[]
): Promise<boolean | string> {
  if (!data) return 'its file is missing from the export.'
  const uploadId = await sendUpload(new Blob([new Uint8Array(data)]))
  if (typeof uploadId !== 'string') return uploadId.message
  const result = await api.photos.restore({ uploadId, photo, consultPhotos })
  return result.ok ? result.value : result.error.message
}

/**
 * Adds an export's photos that are not here yet, each with the export's list of its consult's
 * photos (a signed consult takes only the photos its signatures cover). A photo refused is
 * named with the reason, and the others still come in.
 */
export async function restorePhotos(
  photos: readonly ExportedPhoto[],
  files: ReadonlyMap<string, Uint8Array>,
  onPhoto: (done: number, total: number) => void
): Promise<RestoredPhotos> {
  const byConsult = new Map<string, ExportedPhoto[]>()
  for (const photo of photos) {
    const listed = byConsult.get(photo.consultId) ?? []
    listed.push(photo)
    byConsult.set(photo.consultId, listed)
  }
  let added = 0
  const refused: string[] = []
  for (const [index, photo] of photos.entries()) {
    const outcome = await restoreOne(photo, files.get(photo.sha256), byConsult.get(photo.consultId)!)
    if (outcome === true) added++
    else if (typeof outcome === 'string')
      refused.push(`The photo of ${formatDateTime(photo.takenAt)} (${photoEntry(photo.sha256)}): ${outcome}`)
    onPhoto(index + 1, photos.length)
  }
  return { added, refused }
}
