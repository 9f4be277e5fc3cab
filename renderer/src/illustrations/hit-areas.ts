export interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** The bounding box of path data made of absolute points (M, L, C … Z), as the content uses. */
export function boxOf(path: string): Box {
  const numbers = (path.match(/-?\d+(\.\d+)?/g) ?? []).map(Number)
  const xs = numbers.filter((_, i) => i % 2 === 0)
  const ys = numbers.filter((_, i) => i % 2 === 1)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y }
}

export const centerOf = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 })

/** Each closed shape of a path ("M… Z M… Z" draws both hands) on its own. */
export const subpaths = (path: string): string[] =>
  path
    .split(/(?=M)/)
    .map((part) => part.trim())
    .filter(Boolean)

/**
 * Invisible padding that makes a shape at least `min` units wide and high, so a finger can't
 * miss it. It grows away from the figure's middle line `midX` (an arm outwards, not into the
 * chest) and evenly up and down; shapes already big enough get none.
 */
export function hitPadding(shape: Box, min: number, midX: number): Box | null {
  if (shape.width >= min && shape.height >= min) return null
  const width = Math.max(shape.width, min)
  const height = Math.max(shape.height, min)
  const middle = shape.x + shape.width / 2
  const x = Math.abs(middle - midX) < 1 ? middle - width / 2 : middle < midX ? shape.x + shape.width - width : shape.x
  return { x, y: shape.y + shape.height / 2 - height / 2, width, height }
}
