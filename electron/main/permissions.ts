import { isTrustedRendererUrl } from './trusted-sender'

/** One permission a page asks for, as Electron's request and check handlers describe it. */
export interface PermissionAsk {
  readonly permission: string
  /** The URL of the frame asking. */
  readonly requestingUrl: string | undefined
  readonly isMainFrame: boolean
  /** For `media`: what it wants (`video`, `audio`); a check names one, a request lists them. */
  readonly mediaTypes: readonly string[]
}

/**
 * The app's whole permission policy, for the app's own page in the main frame only: full
 * screen (presentation mode) and the camera — video only, never the microphone — for photos.
 * Everything else is refused, to any page.
 */
export function isPermissionAllowed(ask: PermissionAsk, rendererEntry: string): boolean {
  const ownPage =
    ask.isMainFrame && ask.requestingUrl !== undefined && isTrustedRendererUrl(ask.requestingUrl, rendererEntry)
  if (!ownPage) return false
  if (ask.permission === 'fullscreen') return true
  return ask.permission === 'media' && ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'video')
}
