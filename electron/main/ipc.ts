import { ipcMain, type WebFrameMain } from 'electron'
import { channels, fail } from '../contract'
import type { Dispatch } from '../service/dispatch'
import { rendererEntry } from './renderer-entry'
import { isTrustedRendererUrl } from './trusted-sender'

function isTrustedSender(frame: WebFrameMain | null): boolean {
  return frame !== null && isTrustedRendererUrl(frame.url, rendererEntry())
}

/** One `ipcMain.handle` per contract call, each refusing frames that are not the app's own page. */
export function registerIpcHandlers(dispatch: Dispatch): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrustedSender(event.senderFrame)
        ? dispatch(channel, input, { sender: event.sender })
        : fail({ code: 'forbidden', message: 'This request did not come from the app and was refused.' })
    )
  }
}
