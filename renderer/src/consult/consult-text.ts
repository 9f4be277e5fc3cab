import content from 'virtual:content'
import { labelOf } from '../../../content/labels'
import type { Area } from '../../../content/schema'
import type { AreaEntry } from '../../../electron/contract'

/** "Face", "Arms (left)", "Legs (left and right)". */
export function areaTitle(area: Area, entry: Pick<AreaEntry, 'sides'>): string {
  if (!area.sided || entry.sides.length === 0) return area.label
  return `${area.label} (${entry.sides.length === 2 ? 'left and right' : entry.sides[0]})`
}

export const areaLabel = (areaId: string): string => labelOf(content.areas, areaId)
export const concernLabel = (concernId: string): string => labelOf(content.concerns, concernId)
export const addOnLabel = (addOnId: string): string => labelOf(content.addOns, addOnId)
export const guideTitle = (screenId: string): string => content.guide.find((s) => s.id === screenId)?.title ?? screenId
