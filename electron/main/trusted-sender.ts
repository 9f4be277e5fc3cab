/**
 * True when `frameUrl` is the app's own renderer page: the same scheme and host as the
 * page the window loaded (app://app, or the dev server in development).
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
  // Compared by parts: URL.origin is "null" for a custom scheme such as app:.
  return frame.protocol === entry.protocol && frame.host === entry.host
}
