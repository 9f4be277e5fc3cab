import type { Api } from '../../../electron/contract'
import { createBridgeApi } from './bridge'

/** The one way the UI talks to the main process: the preload's `window.api`, or the bridge. */
export const api: Api = window.api ?? createBridgeApi()
