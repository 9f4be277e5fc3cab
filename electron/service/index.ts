import { join } from 'node:path'
import { DATABASE_FILE_NAME, openDatabase } from '../../db/open'
import type { WritableDB } from '../../db/types'
import type { AppInfo } from '../contract'
import { indexMissingConsults } from './consult-index'
import { createDispatch, type Dispatch } from './dispatch'
import { createErrorLog, type ErrorLog } from './error-log'
import { createHandlers } from './handlers'
import type { HandoutPrinter } from './handouts'
import { createMaintenance, type LiveDatabase } from './maintenance'

const AUTO_BACKUP_EVERY_MS = 4 * 60 * 60 * 1000

export interface ServiceOptions {
  readonly dataDir: string
  readonly info: Omit<AppInfo, 'databasePath'>
  readonly nativeBinding?: string
  /** Printing from the app window; only the Electron main process has one. */
  readonly printer?: HandoutPrinter
  /** Back up at start and every four hours (the app and browser mode; not tests). */
  readonly autoBackup?: boolean
}

export interface Service {
  readonly dispatch: Dispatch
  readonly databasePath: string
  /** Internal errors, with their stacks, in `logs/` beside the database. */
  readonly errorLog: ErrorLog
  close(): void
}

/** Opens the clinic's database in `dataDir` and returns the gate every call goes through. */
export function startService(options: ServiceOptions): Service {
  const { dataDir, info, nativeBinding, printer, autoBackup = false } = options
  const databasePath = join(dataDir, DATABASE_FILE_NAME)
  const open = (): WritableDB => {
    const db = openDatabase(databasePath, { nativeBinding })
    indexMissingConsults(db)
    return db
  }

  let db = open()
  const errorLog = createErrorLog(dataDir)
  const log = (error: unknown) => errorLog.error(error)
  const live: LiveDatabase = {
    path: databasePath,
    current: () => db,
    reopen(swap) {
      db.close()
      try {
        swap()
      } finally {
        db = open()
      }
    }
  }
  const maintenance = createMaintenance(live)
  const dispatch = createDispatch(createHandlers({ live, info, printer, maintenance }), log)

  let timer: ReturnType<typeof setInterval> | undefined
  if (autoBackup) {
    const backUp = () => void maintenance.backupNow('auto').catch(log)
    backUp()
    timer = setInterval(backUp, AUTO_BACKUP_EVERY_MS)
    timer.unref()
  }

  return {
    dispatch,
    databasePath,
    errorLog,
    close: () => {
      clearInterval(timer)
      db.close()
      void errorLog.close()
    }
  }
}
