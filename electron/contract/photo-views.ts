// The photo views and upload sizes the page shares with the schemas: no zod here.

export const photoViews = ['front', 'left-45', 'right-45', 'left-profile', 'right-profile', 'close-up'] as const
export type PhotoView = (typeof photoViews)[number]

export const photoViewLabels: Readonly<Record<PhotoView, string>> = {
  front: 'Front',
  'left-45': 'Left 45°',
  'right-45': 'Right 45°',
  'left-profile': 'Left profile',
  'right-profile': 'Right profile',
  'close-up': 'Close-up'
}

/** The bridge takes 1 MiB a request, so a photo travels in base64 chunks of at most this many characters. */
export const PHOTO_CHUNK_CHARS = 700_000
/** The largest photo file accepted (a 12-megapixel HEIC or JPEG is well under). */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024
/** Photos travel one upload at a time and at most four uploads are held, so an amendment takes four. */
export const MAX_AMENDMENT_PHOTOS = 4
