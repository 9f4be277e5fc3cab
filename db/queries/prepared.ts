import type { Statement } from 'better-sqlite3'
import type { ReadableDB } from '../types'

/**
 * A query module's statements by name. Each is typed where it is prepared, by what it binds
 * and what a row holds — `db.prepare<[id: string], PatientRow>(sql)` — so `get()` and `all()`
 * return rows of that type. (Only the statement's text is named here: a constraint that named
 * its parameters would become the context `prepare` infers them from, and override them.)
 */
type StatementGroup = Readonly<Record<string, Pick<Statement, 'source'>>>

/**
 * Prepares a query module's statements once per database handle and reuses them; each
 * keeps its own bind and row types. `build` runs on first use for each handle.
 */
export function preparedStatements<S extends StatementGroup>(build: (db: ReadableDB) => S): (db: ReadableDB) => S {
  const cache = new WeakMap<ReadableDB, S>()
  return (db) => {
    let statements = cache.get(db)
    if (!statements) {
      statements = build(db)
      cache.set(db, statements)
    }
    return statements
  }
}
