import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { ownerOnlyFolder, restrictToOwner } from './owner-only'
import { dirname } from 'node:path'
import { assertKnownVersion, migrate } from './migrate'
import { migrations, type Migration } from './migrations'
import type { ReadableDB, WritableDB } from './types'

export interface OpenOptions {
  /** Path of better-sqlite3's native module built for the running runtime (Electron in development). */
  readonly nativeBinding?: string | undefined
  /** Only for tests of the migration runner. */
  readonly migrations?: readonly Migration[]
}

export interface ConnectionOptions {
  readonly nativeBinding?: string | undefined
}

export const DATABASE_FILE_NAME = 'consults.sqlite'

/**
 * Every SQLite connection the app makes goes through here: the one native binding, the
 * one set of pragmas, owner-only permissions on a file it creates. `file` may be
 * ':memory:'. The caller closes the connection.
 */
export function openConnection(file: string, options: ConnectionOptions = {}): WritableDB {
  const memory = file === ':memory:'
  // The folder is the owner's alone, even if it was made before.
  if (!memory) ownerOnlyFolder(dirname(file))
  const isNew = !memory && !existsSync(file)
  return configured(new Database(file, { nativeBinding: options.nativeBinding }) as WritableDB, () => {
    if (isNew) restrictToOwner(file)
  })
}

/**
 * Opens an existing database file for reading only: nothing is created or changed, and
 * SQLite refuses any write (`SQLITE_READONLY`), as the `ReadableDB` type refuses it to code
 * that wants a `WritableDB`.
 */
export function openReadOnly(file: string, options: ConnectionOptions = {}): ReadableDB {
  const db = new Database(file, { nativeBinding: options.nativeBinding, readonly: true, fileMustExist: true })
  return configured(db as ReadableDB)
}

/** The one set of pragmas every connection gets; closes the connection if they fail. */
function configured<DB extends ReadableDB>(db: DB, first?: () => void): DB {
  try {
    first?.()
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** Opens (creating if need be) the clinic's database in WAL mode and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): WritableDB {
  const db = openConnection(file, options)
  try {
    const list = options.migrations ?? migrations
    // The version check comes before any pragma that writes, so a database from a newer
    // app version is refused without a single byte of it changing.
    assertKnownVersion(db, list)
    db.pragma('journal_mode = WAL')
    // These are medical records: a consult acknowledged as saved must survive a power cut.
    // In WAL mode `NORMAL` may lose the last commits on power loss; `FULL` syncs the WAL on
    // every commit, which costs little at a consult's write rate.
    db.pragma('synchronous = FULL')
    migrate(db, list)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
