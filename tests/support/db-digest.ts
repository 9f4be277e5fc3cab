import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'

/**
 * A digest of every stored row (the search index aside, which is derived, and the migration
 * runner's log, whose dates differ between databases), to compare two states.
 */
export function databaseDigest(path: string, exceptTables: readonly string[] = []): string {
  const raw = new Database(path, { readonly: true })
  try {
    const tables = (
      raw
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'consult_search%' AND name <> 'schema_migrations' ORDER BY name"
        )
        .all() as {
        name: string
      }[]
    )
      .map((t) => t.name)
      .filter((name) => !exceptTables.includes(name))
    const hash = createHash('sha256')
    for (const table of tables) {
      const rows = raw
        .prepare(`SELECT * FROM "${table}"`)
        .all()
        .map((row) => JSON.stringify(row))
      hash.update(`${table}:${rows.sort().join('\n')}`)
    }
    return hash.digest('hex')
  } finally {
    raw.close()
  }
}
