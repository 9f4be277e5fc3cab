import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { schemaVersion } from '../../db/migrate'
import {
  auditAfter,
  auditEntry,
  brokenAuditLink,
  CHAIN_BEGINNING,
  lastAuditLink,
  type ChainPoint
} from '../../db/queries/audit-log'
import { restrictToOwner } from '../../db/owner-only'
import { expectedSchema, schemaOf } from '../../db/schema'
import type { ReadableDB, WritableDB } from '../../db/types'

/**
 * The last audit entry the app saw, kept in a small file beside the database (outside it),
 * so a log emptied or cut short behind the app's back is noticed: that entry must still be there.
 */
const headFile = (databasePath: string): string => `${databasePath}.audit-head`

interface Head {
  readonly id: number
  readonly hash: string
}

export function recordAuditHead(db: WritableDB, databasePath: string): void {
  const last = lastAuditLink(db)
  if (!last) return
  const file = headFile(databasePath)
  writeFileSync(`${file}.tmp`, JSON.stringify({ id: last.id, hash: last.hash } satisfies Head), { mode: 0o600 })
  restrictToOwner(`${file}.tmp`)
  renameSync(`${file}.tmp`, file)
}

/**
 * After a restore over a database too damaged to read: its log could not be carried forward
 * (the restore's own entry says so), so the old head no longer applies.
 */
export const forgetAuditHead = (databasePath: string): void => rmSync(headFile(databasePath), { force: true })

/** A log up to this long is walked whole at start (about 10 ms); a longer one after start, in slices. */
export const AUDIT_WALK_AT_START = 1000
const AUDIT_SLICE = 1000

const brokenChain = (broken: string) => `The audit log’s chain is broken: ${broken}.`

export interface AuditAtStart {
  /** What is wrong, in words; empty when what was checked holds. */
  readonly problems: string[]
  /** The older entries were not walked: `auditChainProblem` does that after start. */
  readonly walkLater: boolean
}

/**
 * What the start can tell of the audit log at once: the entry recorded as the last one when
 * the app last ran is still there, unchanged, and every entry after it links on. A small log
 * is walked whole; a long one with no recorded head (a database moved without that file) is
 * left to the walk after start.
 */
export function auditAtStart(db: ReadableDB, databasePath: string): AuditAtStart {
  const file = headFile(databasePath)
  const head = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Head) : undefined
  if (head && auditEntry(db, head.id)?.hash !== head.hash) {
    const removed = `The audit log no longer holds entry ${head.id}, which it held when the app last ran: entries were removed or rewritten.`
    return { problems: [removed], walkLater: false }
  }
  const walkLater = (lastAuditLink(db)?.id ?? 0) > AUDIT_WALK_AT_START
  let broken: string | null = null
  if (!walkLater) broken = brokenAuditLink(auditAfter(db, 0))
  else if (head) broken = brokenAuditLink(auditAfter(db, head.id), { id: head.id + 1, previousHash: head.hash })
  return { problems: broken ? [brokenChain(broken)] : [], walkLater: walkLater && !broken }
}

/**
 * Walks the whole audit chain a slice at a time, letting other calls run between slices, so
 * a log of a million entries is checked after start without holding it; null when the chain
 * holds (or when `stillOpen` says the connection went away first).
 */
export async function auditChainProblem(db: ReadableDB, stillOpen: () => boolean): Promise<string | null> {
  let from: ChainPoint = CHAIN_BEGINNING
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve))
    if (!stillOpen()) return null
    const slice = auditAfter(db, from.id - 1, AUDIT_SLICE)
    if (slice.length === 0) return null
    const broken = brokenAuditLink(slice, from)
    if (broken) return brokenChain(broken)
    from = { id: slice.at(-1)!.id + 1, previousHash: slice.at(-1)!.hash }
  }
}

export const DAMAGED = 'The database file is damaged (SQLite’s integrity check failed).'

/** SQLite finding a page it cannot read. */
export const isDamage = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && /^SQLITE_(CORRUPT|NOTADB)/.test(String(error.code))

/**
 * Whether the file is intact (every page read, when `pages`; else only what the schema
 * check reads) and has exactly the schema this version makes; problems in words.
 */
export function databaseProblems(db: ReadableDB, nativeBinding: string | undefined, pages = true): string[] {
  try {
    if (pages && db.pragma('quick_check', { simple: true }) !== 'ok') return [DAMAGED]
    if (schemaOf(db) !== expectedSchema(schemaVersion(db), nativeBinding)) {
      return [
        'The database’s tables, indexes or triggers differ from what this app makes: it was altered outside the app.'
      ]
    }
    return []
  } catch {
    return ['The database file is damaged (it could not be read).']
  }
}
