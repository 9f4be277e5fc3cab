import type { Statement } from 'better-sqlite3'
import type { ReadableDB } from '../types'

/**
 * Prepares a query module's statements once per database handle and reuses them.
 * `build` runs on first use for each handle.
 */
export function preparedStatements<K extends string>(
  build: (db: ReadableDB) => Record<K, Statement>
): (db: ReadableDB) => Record<K, Statement> {
  const cache = new WeakMap<ReadableDB, Record<K, Statement>>()
  return (db) => {
    let statements = cache.get(db)
    if (!statements) {
      statements = build(db)
      cache.set(db, statements)
    }
    return statements
  }
}
