import type { AuditEntry } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

const prepared = preparedStatements((db) => ({
  insert: db.prepare(
    'INSERT INTO audit_log (at, action, actor, subject, detail) VALUES (@at, @action, @actor, @subject, @detail)'
  ),
  latest: db.prepare('SELECT id, at, action, actor, subject, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?'),
  latestOfAction: db.prepare(
    'SELECT id, at, action, actor, subject, detail FROM audit_log WHERE action = ? ORDER BY at DESC, id DESC LIMIT ?'
  )
}))

export function appendAudit(
  db: WritableDB,
  entry: Omit<AuditEntry, 'id' | 'at'>,
  now = new Date()
): void {
  prepared(db).insert.run({ ...entry, at: now.toISOString() })
}

/** The newest entries first, of one action only when `action` is given. */
export function latestAudit(db: ReadableDB, limit: number, action?: string): AuditEntry[] {
  const statements = prepared(db)
  return (action ? statements.latestOfAction.all(action, limit) : statements.latest.all(limit)) as AuditEntry[]
}
