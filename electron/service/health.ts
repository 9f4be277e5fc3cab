import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { schemaVersion } from '../../db/migrate'
import { allAudit, brokenAuditLink } from '../../db/queries/audit-log'
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
  const last = allAudit(db).at(-1)
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

/** What is wrong with the audit log, in words; empty when the chain holds and reaches the recorded head. */
export function auditProblems(db: ReadableDB, databasePath: string): string[] {
  const entries = allAudit(db)
  const problems: string[] = []
  const broken = brokenAuditLink(entries)
  if (broken) problems.push(`The audit log’s chain is broken: ${broken}.`)
  const file = headFile(databasePath)
  if (existsSync(file)) {
    const head = JSON.parse(readFileSync(file, 'utf8')) as Head
    if (entries.find((e) => e.id === head.id)?.hash !== head.hash) {
      problems.push(
        `The audit log no longer holds entry ${head.id}, which it held when the app last ran: entries were removed or rewritten.`
      )
    }
  }
  return problems
}

export const DAMAGED = 'The database file is damaged (SQLite’s integrity check failed).'

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
