import type { PhotoSummary } from '../../../electron/contract'
import { photoViewLabels } from '../../../electron/contract/photo-views'
import { formatDateTime } from '../lib/format'
import { placeLabel } from './photo-places'

/** How a photo is named on screen and to a screen reader: "Left arm, front, 1 Mar 2026, 10:00". */
export const photoName = (photo: PhotoSummary): string =>
  `${placeLabel(photo)}, ${photoViewLabels[photo.view].toLowerCase()}, ${formatDateTime(photo.takenAt)}`
