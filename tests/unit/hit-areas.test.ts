import { describe, expect, it } from 'vitest'
import { boxOf, hitPadding, subpaths } from '../../renderer/src/illustrations/hit-areas'

describe('hit areas on the figure', () => {
  const neck = boxOf('M89,76 L111,76 L113,98 L87,98 Z')

  it('measures a shape and splits a path into its shapes', () => {
    expect(neck).toEqual({ x: 87, y: 76, width: 26, height: 22 })
    expect(subpaths('M1,1 L2,2 Z M5,5 L6,6 Z')).toEqual(['M1,1 L2,2 Z', 'M5,5 L6,6 Z'])
  })

  it('pads a small shape to the minimum, evenly around the middle line', () => {
    expect(hitPadding(neck, 48, 100)).toEqual({ x: 76, y: 63, width: 48, height: 48 })
  })

  it('grows a shape beside the middle outwards, never into the body', () => {
    const rightArm = { x: 21, y: 107, width: 35, height: 150 }
    expect(hitPadding(rightArm, 48, 100)).toMatchObject({ x: 8, width: 48, y: 107, height: 150 })
    const leftArm = { x: 144, y: 107, width: 35, height: 150 }
    expect(hitPadding(leftArm, 48, 100)).toMatchObject({ x: 144, width: 48 })
  })

  it('leaves a big enough shape alone', () => {
    expect(hitPadding({ x: 0, y: 0, width: 60, height: 50 }, 48, 100)).toBeNull()
  })
})
