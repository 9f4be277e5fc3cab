import content from 'virtual:content'
import { z } from 'zod'
import { MAX_PHOTO_BYTES, PHOTO_CHUNK_CHARS, photoViews, type PhotoView } from './photo-views'

const id = z.uuid({ error: 'That is not a valid id.' })
const areaIds = new Set(content.areas.map((a) => a.id))
const sidedAreas = new Set(content.areas.filter((a) => a.sided).map((a) => a.id))

/** Where on the body map a photo is: an area and, for arms, legs and other sided areas, the side. */
const placeSchema = z.strictObject({
  area: z.string().refine((a) => areaIds.has(a), { error: 'Choose an area from the body map.' }),
  side: z.enum(['left', 'right']).nullable().default(null)
})
const sideMatchesArea = {
  check: (p: { area: string; side: 'left' | 'right' | null }) => sidedAreas.has(p.area) === (p.side !== null),
  params: {
    error: 'Choose the left or the right side for arms, legs and other sided areas, and no side for the others.',
    path: ['side']
  }
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'That is not base64 data.')

export const photoChunkSchema = z.strictObject({
  uploadId: id,
  index: z
    .number()
    .int()
    .min(0)
    .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3 / PHOTO_CHUNK_CHARS)),
  data: base64.max(PHOTO_CHUNK_CHARS, 'A chunk is too large.')
})

/** Where, how and when a new photo was taken. */
const photoTargetShape = {
  ...placeSchema.shape,
  view: z.enum(photoViews, { error: 'Choose a view.' }),
  /** When the photo was taken, unless the photo's own EXIF says: the file's date or the moment of capture. */
  takenAt: z.iso.datetime({ offset: true, error: 'That is not a valid date and time.' })
}

export const importPhotoSchema = z
  .strictObject({ uploadId: id, consultId: id, ...photoTargetShape })
  .refine(sideMatchesArea.check, sideMatchesArea.params)

/** A photo added to a signed consult with an amendment: its uploaded file, place, view and time. */
export const amendmentPhotoSchema = z
  .strictObject({ uploadId: id, ...photoTargetShape })
  .refine(sideMatchesArea.check, sideMatchesArea.params)

/** A photo as an export lists it: its index row without the thumbnail. */
export const exportedPhotoSchema = z
  .strictObject({
    id,
    consultId: id,
    patientId: id,
    ...placeSchema.shape,
    view: z.enum(photoViews),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'That is not a SHA-256.'),
    bytes: z.number().int().min(1),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    takenAt: z.iso.datetime({ offset: true }),
    importedAt: z.iso.datetime({ offset: true }),
    amendmentId: id.nullable().default(null)
  })
  .refine(sideMatchesArea.check, sideMatchesArea.params)

/** The most photos an export lists for one consult. */
export const MAX_PHOTOS_PER_CONSULT = 1000

/**
 * A photo from an export, its file uploaded beside it; added as it was, if it is not here yet.
 * `consultPhotos` is every photo the export lists for that consult: a signed consult takes the
 * photo only if its signatures, checked with that list, cover it.
 */
export const restorePhotoSchema = z.strictObject({
  uploadId: id,
  photo: exportedPhotoSchema,
  consultPhotos: z.array(exportedPhotoSchema).max(MAX_PHOTOS_PER_CONSULT)
})

export const photoIdSchema = z.strictObject({ id })
export const handoutPickSchema = z.strictObject({ id, picked: z.boolean() })
export const consultPhotosSchema = z.strictObject({ consultId: id })
export const patientPhotosSchema = z.strictObject({ patientId: id })

export interface PhotoSummary {
  readonly id: string
  readonly consultId: string
  readonly patientId: string
  readonly area: string
  readonly side: 'left' | 'right' | null
  readonly view: PhotoView
  readonly sha256: string
  readonly bytes: number
  readonly width: number
  readonly height: number
  readonly takenAt: string
  readonly importedAt: string
  /** A small JPEG as a data URL, made on import. */
  readonly thumb: string
  /** The amendment a photo of a signed consult was added with (its signature covers the SHA-256); null otherwise. */
  readonly amendmentId: string | null
}

export interface PhotoImage {
  readonly photo: PhotoSummary
  /** The stored JPEG as a data URL, or null when the file is missing. */
  readonly src: string | null
  /** `mismatch`: the file no longer matches its SHA-256; `missing`: the file is gone. */
  readonly integrity: 'ok' | 'mismatch' | 'missing'
}
