/**
 * True when `frameUrl` is the app's own renderer page: the same origin as the dev server
 * in development, or the very `index.html` file the window loaded when built.
 */
export function isTrustedRendererUrl(frameUrl: string, rendererEntry: string): boolean {
  let frame: URL
  let entry: URL
  try {
    frame = new URL(frameUrl)
    entry = new URL(rendererEntry)
  } catch {
    return false
  }
  if (entry.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === entry.pathname
  return frame.origin === entry.origin
}
