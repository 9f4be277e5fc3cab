import type { Migration } from './migrations'
import type { ReadableDB, WritableDB } from './types'

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number
  ) {
    super(
      `This database was made by a newer version of Microneedling Consult (schema ${found}; ` +
        `this version knows up to ${known}). Update the app to open it; the file was left untouched.`
    )
    this.name = 'DatabaseTooNewError'
  }
}

/**
 * The database's applied migrations differ from this app's list: it was made by another
 * build, or a migration was added below one already released (it would never run there).
 */
export class MigrationsOutOfSyncError extends Error {
  constructor(detail: string) {
    super(
      `This database's schema history does not match this version of Microneedling Consult (${detail}). ` +
        'The file was left untouched; open it with the version of the app that made it.'
    )
    this.name = 'MigrationsOutOfSyncError'
  }
}

/** Bookkeeping kept by the runner, not by a migration: one row per migration applied. */
const APPLIED_TABLE = 'schema_migrations'

export function schemaVersion(db: ReadableDB): number {
  // The pragma always answers one row.
  return db.prepare<[], number>('PRAGMA user_version').pluck().get() ?? 0
}

/** Throws unless every version is higher than the one before it. */
export function assertIncreasing(migrations: readonly Migration[]): void {
  migrations.reduce((previous, { version }) => {
    if (!Number.isInteger(version) || version <= previous) {
      throw new Error(`Migration versions must strictly increase: ${version} comes after ${previous}.`)
    }
    return version
  }, 0)
}

interface History {
  /** Versions applied to this database, oldest first. */
  readonly versions: readonly number[]
  /** Whether the database keeps the list itself (all but those made before the list existed). */
  readonly logged: boolean
}

/**
 * What this database has applied. One from before the runner kept its list has every
 * migration up to its `user_version`, because migrations only ever ran in order.
 */
function history(db: WritableDB, migrations: readonly Migration[]): History {
  const logged = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(APPLIED_TABLE)
  if (logged) {
    const versions = db.prepare<[], number>(`SELECT version FROM ${APPLIED_TABLE} ORDER BY version`).pluck().all()
    return { versions, logged: true }
  }
  const current = schemaVersion(db)
  return { versions: migrations.filter((m) => m.version <= current).map((m) => m.version), logged: false }
}

/**
 * Throws unless this app knows the database's schema: its `user_version` is not newer
 * than the app's, and the migrations it has applied are exactly the first ones of the
 * app's list (Actual's rule). Reads only. Returns the newest version the app knows.
 */
export function assertKnownVersion(db: WritableDB, migrations: readonly Migration[]): number {
  assertIncreasing(migrations)
  const known = migrations.at(-1)?.version ?? 0
  const current = schemaVersion(db)
  if (current > known) throw new DatabaseTooNewError(current, known)

  history(db, migrations).versions.forEach((version, i) => {
    const expected = migrations[i]?.version
    if (version === expected) return
    throw new MigrationsOutOfSyncError(
      expected === undefined || expected > version
        ? `it has migration ${version}, which this version does not have`
        : `it lacks migration ${expected}, which is older than its migration ${version}`
    )
  })
  return known
}

/**
 * Runs every pending migration in one transaction, records each, and sets `user_version`
 * last, so a failure anywhere rolls the whole upgrade back and leaves the file as it was.
 */
export function migrate(db: WritableDB, migrations: readonly Migration[]): number {
  const known = assertKnownVersion(db, migrations)
  const applied = history(db, migrations)
  const pending = migrations.slice(applied.versions.length)
  if (pending.length === 0 && applied.logged) return known

  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${APPLIED_TABLE} (version INTEGER PRIMARY KEY, applied_at TEXT) STRICT`)
    const record = db.prepare(`INSERT OR IGNORE INTO ${APPLIED_TABLE} (version, applied_at) VALUES (?, ?)`)
    // A database from before this table gets its history written down once, undated.
    for (const version of applied.versions) record.run(version, null)
    for (const migration of pending) {
      migration.up(db)
      record.run(migration.version, new Date().toISOString())
    }
    db.pragma(`user_version = ${known}`)
  }).immediate()
  return known
}
