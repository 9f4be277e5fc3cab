import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { rendererEntry } from './renderer-entry'
import { secureWebPreferences } from './web-preferences'

/** The options of every window the app opens (a test checks that none is built otherwise). */
export function mainWindowOptions(development: boolean): BrowserWindowConstructorOptions {
  return {
    title: 'Microneedling Consult',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#f6f7f7',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(development)
  }
}

export function createMainWindow(development: boolean): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(development))
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererEntry())
  return window
}
