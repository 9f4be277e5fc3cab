import type { AppError, PhotoSummary, PhotoView, Result } from '../../../electron/contract'
import { PHOTO_CHUNK_CHARS } from '../../../electron/contract/photo-views'
import { api } from '../lib/api'
import type { Place } from './photo-places'

export interface PhotoTarget extends Place {
  readonly consultId: string
  readonly view: PhotoView
}

/** What the file picker and the drop zone take; HEIC is converted on import. */
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.webp,.heic,.heif,image/jpeg,image/png,image/webp,image/heic,image/heif'

const base64Of = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(blob)
  })

/** Sends a file in chunks (the bridge takes 1 MiB a request); its upload id, or what went wrong. */
export async function sendUpload(blob: Blob): Promise<string | AppError> {
  let data: string
  try {
    data = await base64Of(blob)
  } catch {
    return { code: 'invalid_input', message: 'The file could not be read.' }
  }
  const uploadId = crypto.randomUUID()
  for (let start = 0, index = 0; start < data.length; start += PHOTO_CHUNK_CHARS, index++) {
    const sent = await api.photos.upload({ uploadId, index, data: data.slice(start, start + PHOTO_CHUNK_CHARS) })
    if (!sent.ok) return sent.error
  }
  return uploadId
}

/** A file chosen to go with an amendment, and where and how it was taken. */
export interface ChosenPhoto {
  readonly key: string
  readonly file: File
  readonly place: Place
  readonly view: PhotoView
}

/** What an amendment carries of each chosen photo, once its file is uploaded; or what went wrong. */
export async function uploadForAmendment(
  chosen: readonly ChosenPhoto[]
): Promise<Result<{ uploadId: string; area: string; side: Place['side']; view: PhotoView; takenAt: string }[]>> {
  const photos = []
  for (const { file, place, view } of chosen) {
    const uploadId = await sendUpload(file)
    if (typeof uploadId !== 'string')
      return { ok: false, error: { ...uploadId, message: `${file.name}: ${uploadId.message}` } }
    photos.push({ uploadId, ...place, view, takenAt: new Date(file.lastModified || Date.now()).toISOString() })
  }
  return { ok: true, value: photos }
}

/** Uploads one photo and imports it for the consult, area and view. */
export async function sendPhoto(blob: Blob, target: PhotoTarget, takenAt: Date): Promise<Result<PhotoSummary>> {
  const uploadId = await sendUpload(blob)
  if (typeof uploadId !== 'string') return { ok: false, error: uploadId }
  return api.photos.import({ uploadId, ...target, takenAt: takenAt.toISOString() })
}

export interface ImportProgress {
  readonly done: number
  readonly total: number
}

/** Imports files one after another, reporting progress; returns what failed, by file name. */
export async function importFiles(
  files: readonly File[],
  target: PhotoTarget,
  onProgress: (progress: ImportProgress, added: PhotoSummary | null) => void
): Promise<string[]> {
  const problems: string[] = []
  for (const [index, file] of files.entries()) {
    const result = await sendPhoto(file, target, new Date(file.lastModified || Date.now()))
    if (!result.ok) problems.push(`${file.name}: ${result.error.message}`)
    onProgress({ done: index + 1, total: files.length }, result.ok ? result.value : null)
  }
  return problems
}
