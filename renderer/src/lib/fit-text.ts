import type { Action } from 'svelte/action'

const MIN_SCALE = 0.6
const STEP = 0.04

/**
 * Shrinks the text inside `node` (through the `--fit` CSS variable) until it no longer
 * overflows, so a clinic's longer wording still fits the screen without scrolling.
 */
export const fitText: Action<HTMLElement> = (node) => {
  const fit = () => {
    let scale = 1
    node.style.setProperty('--fit', '1')
    while (node.scrollHeight > node.clientHeight + 1 && scale > MIN_SCALE) {
      scale = Math.max(MIN_SCALE, scale - STEP)
      node.style.setProperty('--fit', String(scale))
    }
  }
  const observer = new ResizeObserver(fit)
  observer.observe(node)
  fit()
  return { destroy: () => observer.disconnect() }
}
