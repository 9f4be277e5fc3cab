import content from 'virtual:content'
import type { Area, AreaView, Side } from '../../../content/schema'

export interface Region {
  readonly area: Area
  readonly side: Side | undefined
  readonly view: AreaView
  readonly path: string
  /** What a screen reader and a tester call it: "Face", "Left arm". */
  readonly name: string
  /** Middle of the shape's bounding box, for a count badge. */
  readonly center: { readonly x: number; readonly y: number }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export function regionName(area: Area, side: Side | undefined): string {
  return side ? `${capitalise(side)} ${area.singular ?? area.label.toLowerCase()}` : area.label
}

function centerOf(path: string): { x: number; y: number } {
  const numbers = (path.match(/-?\d+(\.\d+)?/g) ?? []).map(Number)
  const xs = numbers.filter((_, i) => i % 2 === 0)
  const ys = numbers.filter((_, i) => i % 2 === 1)
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 }
}

/** Every clickable shape on the figure for one view, in the content's drawing order. */
function regionsFor(view: AreaView): Region[] {
  return content.areas.flatMap((area) =>
    area.shapes
      .filter((shape) => shape.view === view)
      .map((shape) => ({
        area,
        side: shape.side,
        view,
        path: shape.path,
        name: regionName(area, shape.side),
        center: centerOf(shape.path)
      }))
  )
}

/** The regions of both views for the clinic's content; it never changes while the app runs. */
export const regionsByView: Readonly<Record<AreaView, readonly Region[]>> = {
  front: regionsFor('front'),
  back: regionsFor('back')
}

/**
 * The neutral outline the regions sit on, the same from the front and the back, so the
 * figure stays whole whatever areas a clinic offers.
 */
export const silhouette: readonly string[] = [
  'M100,14 C116,14 126,28 126,46 C126,66 114,80 100,80 C86,80 74,66 74,46 C74,28 84,14 100,14 Z',
  'M89,76 L111,76 L113,98 L87,98 Z',
  'M87,98 L113,98 L142,106 C148,110 150,118 150,126 L146,166 L144,236 L56,236 L54,166 L50,126 C50,118 52,110 58,106 Z',
  'M56,107 C44,110 39,118 37,130 L29,194 L21,254 L35,257 L44,198 L51,150 Z',
  'M144,107 C156,110 161,118 163,130 L171,194 L179,254 L165,257 L156,198 L149,150 Z',
  'M21,254 L35,257 L34,280 C30,287 22,287 19,280 Z',
  'M179,254 L165,257 L166,280 C170,287 178,287 181,280 Z',
  'M56,236 L99,236 L97,300 L94,372 L92,448 L72,448 L68,372 L60,300 Z',
  'M144,236 L101,236 L103,300 L106,372 L108,448 L128,448 L132,372 L140,300 Z',
  'M72,448 L92,448 L94,462 L66,462 Z',
  'M108,448 L128,448 L134,462 L106,462 Z'
]
