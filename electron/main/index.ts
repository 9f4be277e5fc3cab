import { app, BrowserWindow, dialog } from 'electron'
import { startService, type Service } from '../service'
import { registerAppScheme, serveAppScheme } from './app-protocol'
import { chooseDataDir } from './data-dir'
import { registerIpcHandlers } from './ipc'
import { applyAppMenu } from './menu'
import { electronNativeBinding } from './native-binding'
import { electronPrinter } from './printing'
import { applySecurityPolicy } from './security'
import { logUncaughtErrors } from './uncaught'
import { createMainWindow } from './window'

let service: Service | undefined
const development = !app.isPackaged

// Before the app is ready: the page is served from app://, a privileged standard scheme.
registerAppScheme()

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
    applyAppMenu(development)
    serveAppScheme()
    try {
      service = startService({
        dataDir: chooseDataDir(process.env, app.isPackaged, app.getPath('userData')),
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
    createMainWindow(development)
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(development)
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => service?.close())
}
