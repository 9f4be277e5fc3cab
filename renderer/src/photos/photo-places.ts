import content from 'virtual:content'
import type { AreaEntry } from '../../../electron/contract'
import { regionName } from '../illustrations/body-regions'

/** Where on the body map a photo is: an area, and the side for arms, legs and other sided areas. */
export interface Place {
  readonly area: string
  readonly side: 'left' | 'right' | null
}

/** A place as one string, for a select's value and for grouping: "face", "arms:left". */
export const placeKey = (place: Place): string => (place.side ? `${place.area}:${place.side}` : place.area)

export function placeOf(key: string): Place {
  const [area = '', side] = key.split(':')
  return { area, side: side === 'left' || side === 'right' ? side : null }
}

export function placeLabel(place: Place): string {
  const area = content.areas.find((a) => a.id === place.area)
  return area ? regionName(area, place.side ?? undefined) : place.area
}

const sidesOf = (sided: boolean): Place['side'][] => (sided ? ['left', 'right'] : [null])

/** Every place on the body map, the ones marked in the consult first. */
export function placesFor(marked: readonly AreaEntry[]): Place[] {
  const all = content.areas.flatMap((area) => sidesOf(area.sided).map((side) => ({ area: area.id, side })))
  const isMarked = (place: Place) =>
    marked.some((entry) => entry.areaId === place.area && (place.side === null || entry.sides.includes(place.side)))
  return [...all.filter(isMarked), ...all.filter((place) => !isMarked(place))]
}
