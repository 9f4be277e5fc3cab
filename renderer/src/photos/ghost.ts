import type { PhotoSummary, PhotoView } from '../../../electron/contract'
import { api } from '../lib/api'
import type { Place } from './photo-places'

/** The patient's latest photo of this place and view, as an image to line the next one up with. */
export async function latestPhotoSrc(
  patientId: string,
  place: Place,
  view: PhotoView
): Promise<{ photo: PhotoSummary; src: string } | null> {
  const list = await api.photos.forPatient({ patientId })
  const latest = list.ok
    ? list.value.find((p) => p.area === place.area && p.side === place.side && p.view === view)
    : undefined
  if (!latest) return null
  const image = await api.photos.get({ id: latest.id })
  return image.ok && image.value.src ? { photo: latest, src: image.value.src } : null
}
