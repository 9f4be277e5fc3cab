import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** The queued consults with their ids; exported for the query-plan test. */
export const WAITING =
  'SELECT q.consult_rowid, c.id FROM consult_reindex_queue q CROSS JOIN consults c ON c.rowid = q.consult_rowid'

/** Consults whose search entry, filter tags and consent state wait to be rewritten (migration 0170). */
const prepared = preparedStatements((db) => ({
  add: db.prepare<[consultId: string]>(
    'INSERT OR IGNORE INTO consult_reindex_queue (consult_rowid) SELECT rowid FROM consults WHERE id = ?'
  ),
  any: db.prepare<[], number>('SELECT 1 FROM consult_reindex_queue LIMIT 1').pluck(),
  // CROSS JOIN keeps the queue the outer loop: without table statistics SQLite would rather
  // scan a million consults and look each up in the queue (80 ms at 1,000,000).
  waiting: db.prepare<[], { consult_rowid: number; id: string }>(WAITING),
  remove: db.prepare<[consultRowid: number]>('DELETE FROM consult_reindex_queue WHERE consult_rowid = ?')
}))

/** Puts a consult in the queue; call inside the transaction that changed it. */
export const queueReindex = (db: WritableDB, consultId: string): void => void prepared(db).add.run(consultId)

export const reindexWaiting = (db: ReadableDB): boolean => prepared(db).any.get() !== undefined

/** The queued consults, by id. */
export const queuedForReindex = (db: ReadableDB): { consult_rowid: number; id: string }[] => prepared(db).waiting.all()

export const dequeueReindex = (db: WritableDB, consultRowid: number): void => void prepared(db).remove.run(consultRowid)
