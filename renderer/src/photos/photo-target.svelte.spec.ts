import content from 'virtual:content'
import { describe, expect, it } from 'vitest'
import type { AreaEntry } from '../../../electron/contract'
import { PhotoTargetState } from './photo-target.svelte'

const entry = (areaId: string, sides: ('left' | 'right')[] = []) =>
  ({ areaId, sides, zones: [], concerns: [], severity: null, note: '' }) satisfies AreaEntry

describe('the photo target', () => {
  it('offers the consult’s marked places first, one per marked side, and starts on the first', () => {
    const target = new PhotoTargetState([entry('neck'), entry('arms', ['left'])])
    expect(target.places.slice(0, 2)).toEqual([
      { key: 'neck', label: 'Neck' },
      { key: 'arms:left', label: 'Left arm' }
    ])
    expect(target.places.filter((p) => p.key === 'arms:left')).toHaveLength(1)
    expect(target.key).toBe('neck')
    expect(target.place).toEqual({ area: 'neck', side: null })
    expect(target.view).toBe('front')
  })

  it('offers every place on the body map, each side of a sided area apart', () => {
    const target = new PhotoTargetState([])
    const expected = content.areas.reduce((n, area) => n + (area.sided ? 2 : 1), 0)
    expect(target.places).toHaveLength(expected)
    expect(new Set(target.places.map((p) => p.key)).size).toBe(expected)
    expect(target.key).toBe(target.places[0]!.key)
  })

  it('reads the place from the key chosen', () => {
    const target = new PhotoTargetState([])
    target.key = 'legs:right'
    expect(target.place).toEqual({ area: 'legs', side: 'right' })
    target.key = 'face'
    expect(target.place).toEqual({ area: 'face', side: null })
  })
})
