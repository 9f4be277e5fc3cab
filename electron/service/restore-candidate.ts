import { randomUUID } from 'node:crypto'
import { copyFileSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate, schemaVersion } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { openConnection } from '../../db/open'
import { expectedSchema, isKnownVersion, schemaOf } from '../../db/schema'
import type { ReadableDB, WritableDB } from '../../db/types'
import { ServiceError } from '../contract'
import { workFile } from './backups'
import { assemble, DamagedBackupError, readManifest } from './chunk-store'

const refuse = (why: string) =>
  new ServiceError('invalid_input', `That backup cannot be restored: ${why} Nothing was changed.`)

const SIDE_FILES = ['', '-wal', '-shm', '-journal']

/** Removes a work file and whatever SQLite kept beside it. */
export const removeDatabaseFiles = (path: string): void =>
  SIDE_FILES.forEach((suffix) => rmSync(path + suffix, { force: true }))

/**
 * Writes the database a backup holds to `file`: a whole copy as it is, a manifest by
 * reassembling its chunks, each checked against its hash, and the whole file against its own.
 */
function writeOut(backupPath: string, file: string): void {
  if (backupPath.endsWith('.sqlite')) return copyFileSync(backupPath, file)
  const manifest = readManifest(backupPath)
  if (!manifest) throw refuse('its manifest is damaged.')
  try {
    assemble(dirname(backupPath), manifest, file)
  } catch (error) {
    throw error instanceof DamagedBackupError ? refuse(error.message) : error
  }
}

/** Throws unless `db` is an intact database of this app at a version its migrations produce, schema and all. */
function assertSound(db: ReadableDB, nativeBinding: string | undefined): void {
  let integrity: unknown
  try {
    integrity = db.pragma('integrity_check', { simple: true })
  } catch {
    throw refuse('it is not a database file, or it is damaged.')
  }
  if (integrity !== 'ok') throw refuse('it is damaged.')
  const version = schemaVersion(db)
  if (version > (migrations.at(-1)?.version ?? 0)) throw refuse('it was made by a newer version of the app.')
  if (!isKnownVersion(version)) throw refuse('it is not a Microneedling Consult database.')
  if (schemaOf(db) !== expectedSchema(version, nativeBinding)) {
    throw refuse('its tables, indexes or triggers differ from what this app makes, so it may have been altered.')
  }
}

/**
 * A backup copied to a private work file, checked whole (integrity, version, schema) and
 * brought up to this version's schema, ready to be filled in and swapped in. The backup
 * itself and the live database are never touched. Close it with `discard` or `seal`.
 */
export class Candidate {
  readonly db: WritableDB
  readonly #file: string
  #open = true

  private constructor(file: string, db: WritableDB) {
    this.#file = file
    this.db = db
  }

  static open(backupPath: string, dir: string, nativeBinding: string | undefined): Candidate {
    const file = workFile(dir, 'restore', randomUUID())
    let db: WritableDB | undefined
    try {
      writeOut(backupPath, file)
      try {
        db = openConnection(file, { nativeBinding })
      } catch {
        throw refuse('it is not a database file.')
      }
      assertSound(db, nativeBinding)
      migrate(db, migrations)
      return new Candidate(file, db)
    } catch (error) {
      db?.close()
      removeDatabaseFiles(file)
      throw error
    }
  }

  /** Closes and deletes the work file. Safe to call more than once. */
  discard(): void {
    if (this.#open) this.db.close()
    this.#open = false
    removeDatabaseFiles(this.#file)
  }

  /**
   * Writes everything into the one file (no WAL beside it), closes it, and moves it to
   * `destination`, which must be closed by every connection.
   */
  sealInto(destination: string): void {
    this.db.pragma('journal_mode = DELETE')
    this.db.close()
    this.#open = false
    for (const suffix of ['-wal', '-shm']) rmSync(destination + suffix, { force: true })
    renameSync(this.#file, destination)
  }
}
