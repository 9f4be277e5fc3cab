import { openConnection } from './open'
import { migrate } from './migrate'
import { migrations } from './migrations'
import type { ReadableDB } from './types'

/** Every table, index, trigger and view of a database, as SQLite stores their definitions, in one text. */
export function schemaOf(db: ReadableDB): string {
  const rows = db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
    )
    .all()
  return JSON.stringify(rows)
}

const expected = new Map<number, string>()

/** The schema this version's migrations produce up to `version`, made once in memory. */
export function expectedSchema(version: number, nativeBinding?: string): string {
  let schema = expected.get(version)
  if (schema === undefined) {
    const db = openConnection(':memory:', { nativeBinding })
    try {
      // Through the runner, as a real database is made: its bookkeeping table included.
      migrate(
        db,
        migrations.filter((migration) => migration.version <= version)
      )
      schema = schemaOf(db)
    } finally {
      db.close()
    }
    expected.set(version, schema)
  }
  return schema
}

/** Whether `version` is one a migration of this app ends at (a backup's version must be). */
export const isKnownVersion = (version: number): boolean => migrations.some((m) => m.version === version)
