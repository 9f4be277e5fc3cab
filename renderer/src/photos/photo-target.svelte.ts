import type { AreaEntry, PhotoView } from '../../../electron/contract'
import { placeKey, placeLabel, placeOf, placesFor, type Place } from './photo-places'

/** The place and view the next photo is for; the consult's marked places are offered first. */
export class PhotoTargetState {
  key = $state('')
  view = $state<PhotoView>('front')
  readonly places: readonly { key: string; label: string }[]

  constructor(marked: readonly AreaEntry[]) {
    this.places = placesFor(marked).map((place) => ({ key: placeKey(place), label: placeLabel(place) }))
    this.key = this.places[0]?.key ?? ''
  }

  get place(): Place {
    return placeOf(this.key)
  }
}
