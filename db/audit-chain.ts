import { createHash } from 'node:crypto'
import type { AuditEntry } from '../electron/contract'

/** What an audit entry's hash covers: the entry itself (and the hash of the one before). */
export type ChainedFields = AuditEntry

/** The hash before the first entry. */
export const CHAIN_START = '0'.repeat(64)

/** SHA-256 of the previous hash and the entry's fields, in a fixed order. */
export function auditEntryHash(previous: string, entry: ChainedFields): string {
  const fields = [previous, entry.id, entry.at, entry.action, entry.actor, entry.subject, entry.detail]
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}
