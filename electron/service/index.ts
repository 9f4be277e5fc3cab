import { join } from 'node:path'
import { DATABASE_FILE_NAME, openDatabase } from '../../db/open'
import type { AppInfo } from '../contract'
import { createDispatch, type Dispatch } from './dispatch'
import { indexMissingConsults } from './consult-index'
import { createHandlers } from './handlers'
import type { HandoutPrinter } from './handouts'

export interface ServiceOptions {
  readonly dataDir: string
  readonly info: Omit<AppInfo, 'databasePath'>
  readonly nativeBinding?: string
  /** Printing from the app window; only the Electron main process has one. */
  readonly printer?: HandoutPrinter
}

export interface Service {
  readonly dispatch: Dispatch
  readonly databasePath: string
  close(): void
}

/** Opens the clinic's database in `dataDir` and returns the gate every call goes through. */
export function startService({ dataDir, info, nativeBinding, printer }: ServiceOptions): Service {
  const databasePath = join(dataDir, DATABASE_FILE_NAME)
  const db = openDatabase(databasePath, { nativeBinding })
  indexMissingConsults(db)
  return {
    dispatch: createDispatch(createHandlers({ db, info, databasePath, printer })),
    databasePath,
    close: () => db.close()
  }
}
