import { dialog } from 'electron'
import type { ErrorLog } from '../service/error-log'

/**
 * Errors nothing else caught in the main process: the stack goes to the error log, the
 * user gets a plain message instead of Electron's dialog with a stack trace in it.
 */
export function logUncaughtErrors(errorLog: ErrorLog): void {
  process.on('uncaughtException', (error) => {
    errorLog.error(error, 'uncaught exception')
    dialog.showErrorBox(
      'Microneedling Consult hit a problem',
      'Something went wrong in the app. Your saved work is safe; if the app stops responding, restart it.'
    )
  })
  process.on('unhandledRejection', (reason) => errorLog.error(reason, 'unhandled rejection'))
}
