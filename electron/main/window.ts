import { BrowserWindow } from 'electron'
import { rendererEntry } from './renderer-entry'
import { secureWebPreferences } from './web-preferences'

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Microneedling Consult',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#f6f7f7',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences()
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererEntry())
  return window
}
