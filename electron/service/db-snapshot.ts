import { existsSync, statSync } from 'node:fs'
import { schemaVersion } from '../../db/migrate'
import { openReadOnly } from '../../db/open'
import type { WritableDB } from '../../db/types'
import type { BackupSource } from './backups'

const walBytes = (databasePath: string): number =>
  existsSync(`${databasePath}-wal`) ? statSync(`${databasePath}-wal`).size : 0

/**
 * Runs `read` while the main database file is a consistent, unchanging image of the
 * database, without copying it: the WAL is checkpointed into the file and emptied, then a
 * second connection opens a read transaction. A reader that began with an empty WAL reads
 * the main file alone, and SQLite lets no checkpoint write into that file until the reader
 * ends; the live connection keeps writing, to the WAL only. (Had a write slipped in between,
 * the WAL would not be empty once the reader holds its snapshot: then it tries again.)
 */
async function withConsistentFile<T>(
  db: WritableDB,
  databasePath: string,
  nativeBinding: string | undefined,
  read: (schemaVersion: number) => Promise<T>
): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    db.pragma('wal_checkpoint(TRUNCATE)')
    const reader = openReadOnly(databasePath, { nativeBinding })
    try {
      reader.exec('BEGIN')
      // The first read takes the snapshot, and the transaction holds it until the reader closes.
      const version = schemaVersion(reader)
      if (walBytes(databasePath) === 0) return await read(version)
    } finally {
      reader.close()
    }
  }
  throw new Error('The database is too busy to back up now; the next backup will try again.')
}

/** The live database as a backup reads it: its main file, held consistent while it is read. */
export const liveDatabase = (
  db: WritableDB,
  databasePath: string,
  nativeBinding: string | undefined
): BackupSource => ({
  file: databasePath,
  hold: (read) => withConsistentFile(db, databasePath, nativeBinding, read)
})

/** A damaged database, saved as its file is (SQLite may not be able to read it at all). */
export const fileAsItIs = (databasePath: string): BackupSource => ({
  file: databasePath,
  hold: (read) => read(null)
})
