import { createHash } from 'node:crypto'
import { openReadOnly } from '../../db/open'

/**
 * A digest of every stored row (the search index aside, which is derived, and the migration
 * runner's log, whose dates differ between databases), to compare two states.
 */
export function databaseDigest(path: string, exceptTables: readonly string[] = []): string {
  const raw = openReadOnly(path)
  try {
    const tables = raw
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'consult_search%' AND name <> 'schema_migrations' ORDER BY name"
      )
      .pluck()
      .all()
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
