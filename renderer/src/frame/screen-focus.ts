import type { Route } from '../lib/router.svelte'

const WAIT_MS = 3000

/** The heading that names what a navigation opened: a consult step's own heading, else the screen's. */
function headingSelector(from: Route | null, to: Route): string {
  const sameConsult = from?.name === 'consult' && to.name === 'consult' && from.id === to.id
  return sameConsult ? 'main #step-heading' : 'main h1'
}

/**
 * Moves focus to the new screen's heading once it is on the page (screens that load their
 * data show it a moment later), so keyboard and screen reader users start at the top of it.
 */
export function focusScreenHeading(from: Route | null, to: Route): () => void {
  const selector = headingSelector(from, to)
  const focus = (): boolean => {
    const heading = document.querySelector<HTMLElement>(selector)
    if (!heading) return false
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
    heading.focus({ preventScroll: false })
    return true
  }
  if (focus()) return () => {}
  const observer = new MutationObserver(() => focus() && stop())
  const timer = setTimeout(() => stop(), WAIT_MS)
  const stop = () => {
    observer.disconnect()
    clearTimeout(timer)
  }
  observer.observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true })
  return stop
}
