import { join } from 'node:path'
import { DatabaseTooNewError } from '../../db/migrate'
import { DATABASE_FILE_NAME, openDatabase, openReadOnly } from '../../db/open'
import type { WritableDB } from '../../db/types'
import type { AppInfo } from '../contract'
import { catchUpIndex } from './consult-index'
import { createDispatch, type Dispatch } from './dispatch'
import { createErrorLog, type ErrorLog } from './error-log'
import { createHandlers } from './handlers'
import type { HandoutPrinter } from './handouts'
import { statSync } from 'node:fs'
import {
  auditAtStart,
  auditChainProblem,
  DAMAGED,
  databaseProblems,
  isDamage,
  recordAuditHead,
  type AuditAtStart
} from './health'
import { CHECK_AT_START_BYTES, checkPagesInBackground, type PageCheck } from './page-check'
import { createMaintenance, type LiveDatabase } from './maintenance'
import { Sessions } from './sessions'
import { getSettings } from './settings'

const AUTO_BACKUP_EVERY_MS = 4 * 60 * 60 * 1000

export interface ServiceOptions {
  readonly dataDir: string
  readonly info: Omit<AppInfo, 'databasePath'>
  readonly nativeBinding?: string
  /** Printing from the app window; only the Electron main process has one. */
  readonly printer?: HandoutPrinter
  /** Back up at start and every four hours (the app and browser mode; not tests). */
  readonly autoBackup?: boolean
  /** The clock for idle sessions, PIN lockouts and the dates of backups; tests move it. */
  readonly now?: () => number
  /** A larger file has its pages checked by a worker thread after start; tests lower it. */
  readonly checkPagesAtStartUpTo?: number
}

export interface Service {
  readonly dispatch: Dispatch
  readonly databasePath: string
  /** Internal errors, with their stacks, in `logs/` beside the database. */
  readonly errorLog: ErrorLog
  /**
   * Settles when the checks left for after start are over: a large file's pages, a long
   * audit log's older entries (at once when there were none).
   */
  backgroundChecks(): Promise<unknown>
  close(): void
}

/** Opens the clinic's database in `dataDir` and returns the gate every call goes through. */
export function startService(options: ServiceOptions): Service {
  const { dataDir, info, nativeBinding, printer, autoBackup = false, now = Date.now } = options
  const checkAtStartUpTo = options.checkPagesAtStartUpTo ?? CHECK_AT_START_BYTES
  const databasePath = join(dataDir, DATABASE_FILE_NAME)
  const state: LiveDatabase['state'] = { writable: true, readable: true, problems: [] }
  const errorLog = createErrorLog(dataDir)
  const log = (error: unknown) => errorLog.error(error)

  /** Opens and checks the database; a damaged one is opened for reading only, or not read at all. */
  const open = (): WritableDB => {
    let db: WritableDB
    try {
      db = openDatabase(databasePath, { nativeBinding })
    } catch (error) {
      if (error instanceof DatabaseTooNewError) throw error
      log(error)
      Object.assign(state, {
        writable: false,
        readable: false,
        problems: ['The database file is damaged and cannot be read.']
      })
      // Read-only, so SQLite refuses a write as `state` does. `LiveDatabase` (maintenance.ts)
      // holds a WritableDB whatever the state, hence the one narrowing the types cannot follow.
      return openReadOnly(databasePath, { nativeBinding }) as WritableDB
    }
    state.readable = true
    const pagesNow = statSync(databasePath).size <= checkAtStartUpTo
    const damage = databaseProblems(db, nativeBinding, pagesNow)
    if (damage.length > 0) return damaged(db, damage)
    let audit: AuditAtStart
    try {
      audit = auditAtStart(db, databasePath)
      // Saves the app answered but had not indexed yet when it stopped.
      catchUpIndex(db)
    } catch (error) {
      // A page the checks before did not read (a large file's are read later) is damaged.
      if (!isDamage(error)) throw error
      return damaged(db, [DAMAGED])
    }
    state.writable = true
    state.problems = audit.problems
    if (state.problems.length === 0) recordAuditHead(db, databasePath)
    if (!pagesNow) checkLater(db)
    if (audit.walkLater) walkAuditLater(db)
    return db
  }

  /** A database that failed a check at start: read only, its problems shown on every screen. */
  const damaged = (db: WritableDB, problems: string[]): WritableDB => {
    Object.assign(state, { writable: false, problems })
    db.pragma('query_only = ON')
    log(new Error(`The database failed its check at start: ${problems.join(' ')}`))
    return db
  }

  /** A long audit log's older entries are walked while the app runs; a break found is shown as at start. */
  let auditWalk: Promise<unknown> = Promise.resolve()
  const walkAuditLater = (checked: WritableDB) => {
    auditWalk = auditChainProblem(checked, () => checked.open && db === checked).then(
      (problem) => {
        if (problem === null || db !== checked) return
        state.problems = [...state.problems, problem]
        log(new Error(problem))
      },
      (error: unknown) => {
        if (db === checked && checked.open) log(error)
      }
    )
  }

  /** A large file's pages are read while the app runs; damage found stops its writes, as at start. */
  let pageCheck: PageCheck | undefined
  const stopPageCheck = () => {
    pageCheck?.stop()
    pageCheck = undefined
  }
  const checkLater = (checked: WritableDB) => {
    const check = (pageCheck = checkPagesInBackground(databasePath, nativeBinding))
    void check.result.then((verdict) => {
      if (verdict === null || verdict === 'ok' || pageCheck !== check) return
      checked.pragma('query_only = ON')
      Object.assign(state, { writable: false, problems: [DAMAGED] })
      log(new Error(`The database failed its page check: ${verdict}`))
    })
  }

  let db = open()
  const live: LiveDatabase = {
    path: databasePath,
    current: () => db,
    state,
    reopen(swap) {
      stopPageCheck()
      db.close()
      try {
        swap()
      } finally {
        db = open()
      }
    }
  }
  const maintenance = createMaintenance(live, { nativeBinding, now })
  const sessions = new Sessions(() => getSettings(db).settings.idleLockMinutes * 60_000, now)
  const dispatch = createDispatch(
    createHandlers({ live, info, printer, maintenance, sessions, now, log }),
    sessions,
    log
  )

  let timer: ReturnType<typeof setInterval> | undefined
  if (autoBackup) {
    const backUp = () => void maintenance.backupNow('auto').catch(log)
    // Not before a large file's page check has passed: a damaged file is never backed up.
    void (pageCheck?.result ?? Promise.resolve('ok')).then((verdict) => {
      if (verdict === 'ok' && state.writable) backUp()
    })
    timer = setInterval(backUp, AUTO_BACKUP_EVERY_MS)
    timer.unref()
  }

  return {
    dispatch,
    databasePath,
    errorLog,
    backgroundChecks: () => Promise.all([pageCheck?.result, auditWalk]),
    close: () => {
      clearInterval(timer)
      stopPageCheck()
      try {
        if (state.writable && state.problems.length === 0) recordAuditHead(db, databasePath)
      } catch (error) {
        log(error) // the file is closed all the same
      }
      db.close()
      void errorLog.close()
    }
  }
}
