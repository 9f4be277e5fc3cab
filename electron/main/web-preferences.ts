import { join } from 'node:path'
import type { WebPreferences } from 'electron'

/**
 * The renderer's sandbox: checked by a test (tests/unit/desktop-shell.test.ts), and every
 * window is built from `mainWindowOptions`, which uses it; change it only on purpose.
 * Developer tools exist only in development.
 */
export function secureWebPreferences(development: boolean): WebPreferences {
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
    devTools: development,
    // Middle-click would otherwise try to open links in new windows (denied anyway).
    disableBlinkFeatures: 'Auxclick',
    spellcheck: true
  }
}
