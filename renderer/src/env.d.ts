import type { Api } from '../../electron/contract'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode, where the loopback bridge stands in. */
    readonly api?: Api
  }
}

export {}
