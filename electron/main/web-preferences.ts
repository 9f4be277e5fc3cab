import { join } from 'node:path'
import type { WebPreferences } from 'electron'

/** The renderer's sandbox: checked by a test, so change it only on purpose. */
export function secureWebPreferences(): WebPreferences {
  return {
    preload: join(__dirname, '../preload/index.js'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Middle-click would otherwise try to open links in new windows (denied anyway).
    disableBlinkFeatures: 'Auxclick',
    spellcheck: true
  }
}
