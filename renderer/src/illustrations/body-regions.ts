import content from 'virtual:content'
import type { Area, AreaView, Side } from '../../../content/schema'

export interface Region {
  readonly area: Area
  readonly side: Side | undefined
  readonly view: AreaView
  readonly path: string
  /** What a screen reader and a tester call it: "Face", "Left arm". */
  readonly name: string
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export function regionName(area: Area, side: Side | undefined): string {
  return side ? `${capitalise(side)} ${area.singular ?? area.label.toLowerCase()}` : area.label
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
        name: regionName(area, shape.side)
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

/** The face for an area's close-up (200 × 240): head, ears, neck, and the features drawn faintly. */
export const faceOutline: readonly string[] = [
  'M84,214 L84,240 L116,240 L116,214 Z',
  'M30,104 C20,100 16,112 18,124 C20,136 26,144 32,142 Z',
  'M170,104 C180,100 184,112 182,124 C180,136 174,144 168,142 Z',
  'M100,22 C146,22 172,60 172,112 C172,170 142,226 100,226 C58,226 28,170 28,112 C28,60 54,22 100,22 Z',
  'M56,104 C62,98 78,98 84,104 C78,109 62,109 56,104 Z',
  'M116,104 C122,98 138,98 144,104 C138,109 122,109 116,104 Z',
  'M86,176 C94,181 106,181 114,176 C106,174 94,174 86,176 Z'
]
