import { vi } from 'vitest'

/**
 * The page's `document` as far as full screen goes, for the renderer's state classes that
 * ask for it (their specs run in Node, without a DOM). `refuse` makes the request fail, as a
 * browser does without a user gesture.
 */
export function stubFullscreenDocument({ refuse = false } = {}) {
  const documentElement = {
    requestFullscreen: vi.fn(async () => {
      if (refuse) throw new TypeError('Permissions check failed')
      page.fullscreenElement = documentElement
    })
  }
  const page = {
    documentElement,
    fullscreenElement: null as object | null,
    exitFullscreen: vi.fn(async () => {
      page.fullscreenElement = null
    })
  }
  vi.stubGlobal('document', page)
  return page
}
