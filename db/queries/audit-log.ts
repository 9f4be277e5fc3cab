import type { AuditEntry } from '../../electron/contract'
import { auditEntryHash, CHAIN_START } from '../audit-chain'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** An audit entry as stored, with its place in the hash chain. */
export type ChainedAuditEntry = AuditEntry & { readonly prev_hash: string; readonly hash: string }

const prepared = preparedStatements((db) => ({
  insert: db.prepare<ChainedAuditEntry>(
    'INSERT INTO audit_log (id, at, action, actor, subject, detail, prev_hash, hash) VALUES (@id, @at, @action, @actor, @subject, @detail, @prev_hash, @hash)'
  ),
  last: db.prepare<[], Pick<ChainedAuditEntry, 'id' | 'hash'>>(
    'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1'
  ),
  all: db.prepare<[], ChainedAuditEntry>(
    'SELECT id, at, action, actor, subject, detail, prev_hash, hash FROM audit_log ORDER BY id'
  ),
  after: db.prepare<[afterId: number, limit: number], ChainedAuditEntry>(
    'SELECT id, at, action, actor, subject, detail, prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ?'
  ),
  byId: db.prepare<[id: number], ChainedAuditEntry>(
    'SELECT id, at, action, actor, subject, detail, prev_hash, hash FROM audit_log WHERE id = ?'
  ),
  latest: db.prepare<[limit: number], AuditEntry>(
    'SELECT id, at, action, actor, subject, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?'
  ),
  latestOfAction: db.prepare<[action: string, limit: number], AuditEntry>(
    'SELECT id, at, action, actor, subject, detail FROM audit_log WHERE action = ? ORDER BY at DESC, id DESC LIMIT ?'
  )
}))

/** Appends an entry chained to the one before; call inside the transaction of what it records. */
export function appendAudit(db: WritableDB, entry: Omit<AuditEntry, 'id' | 'at'>, now = new Date()): void {
  const last = prepared(db).last.get()
  const fields = { ...entry, id: (last?.id ?? 0) + 1, at: now.toISOString() }
  const prev_hash = last?.hash ?? CHAIN_START
  prepared(db).insert.run({ ...fields, prev_hash, hash: auditEntryHash(prev_hash, fields) })
}

/** Stores an entry exactly as given, hashes included (carrying the log across a restore). */
export function insertAuditAsIs(db: WritableDB, entry: ChainedAuditEntry): void {
  prepared(db).insert.run(entry)
}

export const allAudit = (db: ReadableDB): ChainedAuditEntry[] => prepared(db).all.all()

/** Up to `limit` entries after entry `afterId`, oldest first (-1 for every one). */
export const auditAfter = (db: ReadableDB, afterId: number, limit = -1): ChainedAuditEntry[] =>
  prepared(db).after.all(afterId, limit)

/** The newest entry's place in the chain, if there is one. */
export const lastAuditLink = (db: ReadableDB): Pick<ChainedAuditEntry, 'id' | 'hash'> | undefined =>
  prepared(db).last.get()

export const auditEntry = (db: ReadableDB, id: number): ChainedAuditEntry | undefined => prepared(db).byId.get(id)

/** The newest entries first, of one action only when `action` is given. */
export function latestAudit(db: ReadableDB, limit: number, action?: string): AuditEntry[] {
  const statements = prepared(db)
  return action ? statements.latestOfAction.all(action, limit) : statements.latest.all(limit)
}

/** Where a stretch of the chain starts: the id its first entry must have, and the hash before it. */
export interface ChainPoint {
  readonly id: number
  readonly previousHash: string
}

export const CHAIN_BEGINNING: ChainPoint = { id: 1, previousHash: CHAIN_START }

/**
 * The first place where the chain does not hold, or null when every entry links to the one
 * before; `from` says where `entries` start (the whole log by default).
 */
export function brokenAuditLink(entries: readonly ChainedAuditEntry[], from = CHAIN_BEGINNING): string | null {
  let previous = from.previousHash
  let expectedId = from.id
  for (const entry of entries) {
    if (entry.id !== expectedId) return `entry ${expectedId} is missing`
    if (entry.prev_hash !== previous || auditEntryHash(previous, entry) !== entry.hash)
      return `entry ${entry.id} was altered`
    previous = entry.hash
    expectedId++
  }
  return null
}
