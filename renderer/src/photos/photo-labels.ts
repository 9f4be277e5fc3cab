import { photoViewLabels, type PhotoSummary } from '../../../electron/contract'
import { areaLabel } from '../consult/consult-text'
import { formatDateTime } from '../lib/format'

/** How a photo is named on screen and to a screen reader: "Face, front, 1 Mar 2026, 10:00". */
export const photoName = (photo: PhotoSummary): string =>
  `${areaLabel(photo.area)}, ${photoViewLabels[photo.view].toLowerCase()}, ${formatDateTime(photo.takenAt)}`
