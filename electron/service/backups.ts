import Database from 'better-sqlite3'
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { migrations } from '../../db/migrations'
import type { WritableDB } from '../../db/types'
import { ServiceError, type BackupInfo } from '../contract'
import { backUpPhotos } from './photo-backups'

type Reason = BackupInfo['reason']

const NAME = /^consults-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-(auto|manual|before-restore)\.sqlite$/

/** Retention: the newest 3 from today, the newest one of each of the 14 days before, 30 at most. */
const KEEP_TODAY = 3
const KEEP_DAYS = 14
const KEEP_MAX = 30
const KEEP_BEFORE_RESTORE = 5

export const backupsDir = (databasePath: string): string => join(dirname(databasePath), 'backups')

function backupName(now: Date, reason: Reason): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `consults-${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}-${p(now.getUTCMilliseconds(), 3)}-${reason}.sqlite`
}

export function infoOf(dir: string, name: string): BackupInfo | undefined {
  const m = NAME.exec(name)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, ms, reason] = m
  return {
    name,
    createdAt: new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!)).toISOString(),
    reason: reason as Reason,
    bytes: statSync(join(dir, name)).size
  }
}

export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((name) => infoOf(dir, name))
    .filter((info): info is BackupInfo => info !== undefined)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
}

/** Which backups the retention rule keeps, given all of them newest first. */
export function backupsToKeep(all: readonly BackupInfo[], now = new Date()): Set<string> {
  const keep = new Set<string>()
  const day = (iso: string) => iso.slice(0, 10)
  const today = day(now.toISOString())
  const regular = all.filter((b) => b.reason !== 'before-restore')
  regular.filter((b) => day(b.createdAt) === today).slice(0, KEEP_TODAY).forEach((b) => keep.add(b.name))
  const earliest = day(new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString())
  const seenDays = new Set<string>()
  for (const backup of regular) {
    const d = day(backup.createdAt)
    if (d === today || d < earliest || seenDays.has(d)) continue
    seenDays.add(d)
    keep.add(backup.name)
  }
  const capped = new Set([...regular.filter((b) => keep.has(b.name))].slice(0, KEEP_MAX).map((b) => b.name))
  all.filter((b) => b.reason === 'before-restore').slice(0, KEEP_BEFORE_RESTORE).forEach((b) => capped.add(b.name))
  return capped
}

/**
 * A consistent copy through SQLite's online backup API, readable by its owner only, with
 * the photos it names copied beside the backups (only new ones: photo files never change); then prunes.
 */
export async function createBackup(db: WritableDB, databasePath: string, reason: Reason, now = new Date()): Promise<BackupInfo> {
  const dir = backupsDir(databasePath)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const name = backupName(now, reason)
  const path = join(dir, name)
  await db.backup(path)
  restrictToOwner(path)
  backUpPhotos(db, databasePath, dir)
  const all = listBackups(dir)
  const keep = backupsToKeep(all, now)
  for (const backup of all) if (!keep.has(backup.name)) rmSync(join(dir, backup.name), { force: true })
  return infoOf(dir, name)!
}

export function restrictToOwner(path: string): void {
  try {
    chmodSync(path, 0o600)
  } catch {
    // No POSIX permissions here (Windows): the user-data folder is per-user already.
  }
}

/** Refuses a file that is damaged, is not this app's database, or comes from a newer version. */
export function checkBackup(path: string): void {
  const refuse = (why: string) =>
    new ServiceError('invalid_input', `That backup cannot be restored: ${why} Nothing was changed.`)
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch {
    throw refuse('it is not a database file.')
  }
  try {
    let integrity: unknown
    try {
      integrity = db.pragma('integrity_check', { simple: true })
    } catch {
      throw refuse('it is not a database file, or it is damaged.')
    }
    if (integrity !== 'ok') throw refuse('it is damaged.')
    const version = db.pragma('user_version', { simple: true }) as number
    const tables = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name))
    if (version <= 0 || !tables.has('patients') || !tables.has('consults')) throw refuse('it is not a Microneedling Consult database.')
    if (version > (migrations.at(-1)?.version ?? 0)) throw refuse('it was made by a newer version of the app.')
  } finally {
    db.close()
  }
}

/** Puts `backupPath` in place of the (closed) database file, dropping its WAL and shared memory. */
export function replaceDatabaseFile(databasePath: string, backupPath: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(databasePath + suffix, { force: true })
  copyFileSync(backupPath, databasePath)
  restrictToOwner(databasePath)
}
