import { resolve } from 'node:path'
import sharp from 'sharp'
import type { PhotoSummary, Practitioner } from '../../electron/contract'
import { PHOTO_CHUNK_CHARS, type PhotoView } from '../../electron/contract/photo-views'
import { loadContent } from '../../content/load'
import { photoConsentInput } from '../support/photo-consent'
import type { WebApp } from '../support/web-app'
import { PIN } from './fixtures'

const form = loadContent(resolve(__dirname, '../../content')).consent.find((f) => f.id === 'photography')!

/** Signs the patient's photography consent in `consultId`, "yes" to photos in the clinical record. */
export async function consentToPhotos(app: WebApp, consultId: string, patientName: string): Promise<void> {
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  await app.call(
    'consents.sign',
    photoConsentInput(form, { consultId, patientName, practitionerId: practitioner!.id, pin: PIN })
  )
}

/** A plain picture of one colour, 800 × 600, in a format the import takes. */
export const picture = (colour: string, format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<Buffer> =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
    .toFormat(format)
    .toBuffer()

/** Imports a photo through the bridge, as the page does: uploaded in chunks, then added to the consult. */
export async function addPhoto(
  app: WebApp,
  consultId: string,
  bytes: Buffer,
  { area = 'face', view = 'front', takenAt }: { area?: string; view?: PhotoView; takenAt: string }
): Promise<PhotoSummary> {
  const uploadId = crypto.randomUUID()
  const data = bytes.toString('base64')
  for (let start = 0, index = 0; start < data.length; start += PHOTO_CHUNK_CHARS, index++) {
    await app.call('photos.upload', { uploadId, index, data: data.slice(start, start + PHOTO_CHUNK_CHARS) })
  }
  return app.call<PhotoSummary>('photos.import', { uploadId, consultId, area, view, takenAt })
}
