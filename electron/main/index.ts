import { app, BrowserWindow, dialog } from 'electron'
import { startService, type Service } from '../service'
import { registerIpcHandlers } from './ipc'
import { electronNativeBinding } from './native-binding'
import { electronPrinter } from './printing'
import { applySecurityPolicy } from './security'
import { logUncaughtErrors } from './uncaught'
import { createMainWindow } from './window'

/** Tests point the app at a temporary folder; users never set this. */
function dataDir(): string {
  return process.env['MNC_DATA_DIR'] || app.getPath('userData')
}

let service: Service | undefined

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })

  void app.whenReady().then(() => {
    applySecurityPolicy()
    try {
      service = startService({
        dataDir: dataDir(),
        nativeBinding: electronNativeBinding(),
        printer: electronPrinter,
        info: { name: app.getName(), version: app.getVersion(), mode: 'electron' },
        autoBackup: true
      })
    } catch (error) {
      dialog.showErrorBox(
        'Microneedling Consult cannot open its data',
        error instanceof Error ? error.message : String(error)
      )
      app.exit(1)
      return
    }
    logUncaughtErrors(service.errorLog)
    registerIpcHandlers(service.dispatch)
    createMainWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => service?.close())
}
