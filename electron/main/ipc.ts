import { ipcMain, type WebFrameMain } from 'electron'
import { channels, fail, openEnvelope } from '../contract'
import type { Dispatch } from '../service/dispatch'
import { rendererEntry } from './renderer-entry'
import { isTrustedRendererUrl } from './trusted-sender'

function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && isTrustedRendererUrl(frame.url, rendererEntry())
}

/**
 * One `ipcMain.handle` per contract call, each refusing frames that are not the app's own
 * page. The page sends `{ input, session }`: the session secret is held by the preload.
 */
export function registerIpcHandlers(dispatch: Dispatch): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, message: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return fail({ code: 'forbidden', message: 'This request did not come from the app and was refused.' })
      }
      const { input, session } = openEnvelope(message)
      return dispatch(channel, input, { sender: event.sender, session })
    })
  }
}
