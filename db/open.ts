import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { ownerOnlyFolder, restrictToOwner } from './owner-only'
import { dirname } from 'node:path'
import { assertKnownVersion, migrate } from './migrate'
import { migrations, type Migration } from './migrations'
import type { WritableDB } from './types'

export interface OpenOptions {
  /** Path of better-sqlite3's native module built for the running runtime (Electron in development). */
  readonly nativeBinding?: string
  /** Only for tests of the migration runner. */
  readonly migrations?: readonly Migration[]
}

export const DATABASE_FILE_NAME = 'consults.sqlite'

export function openDatabase(file: string, options: OpenOptions = {}): WritableDB {
  ownerOnlyFolder(dirname(file))
  const isNew = !existsSync(file)
  const db = new Database(file, { nativeBinding: options.nativeBinding }) as WritableDB
  try {
    if (isNew) restrictToOwner(file) // and the folder is the owner's alone, even if it was made before
    const list = options.migrations ?? migrations
    // The version check comes before any pragma that writes, so a database from a newer
    // app version is refused without a single byte of it changing.
    assertKnownVersion(db, list)
    db.pragma('journal_mode = WAL')
    // These are medical records: a consult acknowledged as saved must survive a power cut.
    // In WAL mode `NORMAL` may lose the last commits on power loss; `FULL` syncs the WAL on
    // every commit, which costs little at a consult's write rate.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, list)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
