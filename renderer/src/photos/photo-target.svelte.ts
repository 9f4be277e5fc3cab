import content from 'virtual:content'
import type { PhotoView } from '../../../electron/contract'

/** The area and view the next photo is for; the consult's marked areas are offered first. */
export class PhotoTargetState {
  area = $state('')
  view = $state<PhotoView>('front')
  readonly areas: readonly { id: string; label: string }[]

  constructor(markedAreaIds: readonly string[]) {
    const marked = content.areas.filter((a) => markedAreaIds.includes(a.id))
    const others = content.areas.filter((a) => !markedAreaIds.includes(a.id))
    this.areas = [...marked, ...others].map((a) => ({ id: a.id, label: a.label }))
    this.area = this.areas[0]?.id ?? ''
  }
}
