import type { Migration } from './migrations'
import type { WritableDB } from './types'

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

export function schemaVersion(db: WritableDB): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Throws unless this app knows the database's schema; returns the newest version it knows. */
export function assertKnownVersion(db: WritableDB, migrations: readonly Migration[]): number {
  const known = migrations.at(-1)?.version ?? 0
  const current = schemaVersion(db)
  if (current > known) throw new DatabaseTooNewError(current, known)
  return known
}

/**
 * Runs every pending migration in one transaction and sets `user_version` last, so a
 * failure anywhere rolls the whole upgrade back and leaves the file as it was.
 */
export function migrate(db: WritableDB, migrations: readonly Migration[]): number {
  const known = assertKnownVersion(db, migrations)
  const current = schemaVersion(db)

  const pending = migrations.filter((m) => m.version > current)
  if (pending.length === 0) return current

  db.transaction(() => {
    for (const migration of pending) migration.up(db)
    db.pragma(`user_version = ${known}`)
  }).immediate()
  return known
}
