import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ownerOnlyFolder, restrictToOwner } from '../../db/owner-only'
import type { WritableDB } from '../../db/types'
import type { BackupInfo } from '../contract'

type Reason = BackupInfo['reason']

const NAME = /^consults-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-(auto|manual|before-restore)\.sqlite$/
/** Files being written (a backup in progress, a restore being prepared); never listed, removed at start. */
const WORK_FILE = /^\.(partial|restore|check)-/

/** Retention: the newest 3 from today, the newest one of each of the 14 days before, 30 at most. */
const KEEP_TODAY = 3
const KEEP_DAYS = 14
const KEEP_MAX = 30

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

/**
 * Which backups the retention rule keeps, given all of them newest first. Copies saved
 * before a restore are never pruned: they may hold the only copy of what the restore took away.
 */
export function backupsToKeep(all: readonly BackupInfo[], now = new Date()): Set<string> {
  const keep = new Set<string>()
  const day = (iso: string) => iso.slice(0, 10)
  const today = day(now.toISOString())
  const regular = all.filter((b) => b.reason !== 'before-restore')
  regular
    .filter((b) => day(b.createdAt) === today)
    .slice(0, KEEP_TODAY)
    .forEach((b) => keep.add(b.name))
  const earliest = day(new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString())
  const seenDays = new Set<string>()
  for (const backup of regular) {
    const d = day(backup.createdAt)
    if (d === today || d < earliest || seenDays.has(d)) continue
    seenDays.add(d)
    keep.add(backup.name)
  }
  const capped = new Set([...regular.filter((b) => keep.has(b.name))].slice(0, KEEP_MAX).map((b) => b.name))
  all.filter((b) => b.reason === 'before-restore').forEach((b) => capped.add(b.name))
  return capped
}

/** Makes a consistent copy of the live database at `destination` (replaceable: say, an incremental copy). */
export type CopyDatabase = (db: WritableDB, destination: string) => Promise<void>

/** SQLite's online backup API. */
export const onlineBackup: CopyDatabase = async (db, destination) => {
  await db.backup(destination)
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Copies the database to a work file, syncs it, and only then gives it a backup's name, so
 * a backup cut short by a crash is never listed or counted. Then prunes by the retention rule.
 */
export async function createBackup(
  copy: CopyDatabase,
  db: WritableDB,
  databasePath: string,
  reason: Reason,
  now = new Date()
): Promise<BackupInfo> {
  const dir = backupsDir(databasePath)
  ownerOnlyFolder(dir)
  const name = backupName(now, reason)
  const partial = join(dir, `.partial-${name}`)
  try {
    await copy(db, partial)
    restrictToOwner(partial)
    syncFile(partial)
    renameSync(partial, join(dir, name))
  } finally {
    rmSync(partial, { force: true })
  }
  const all = listBackups(dir)
  const keep = backupsToKeep(all, now)
  for (const backup of all) if (!keep.has(backup.name)) rmSync(join(dir, backup.name), { force: true })
  return infoOf(dir, name)!
}

/** Removes work files a crash left behind (only at start, before any backup or restore runs). */
export function removeWorkFiles(dir: string): void {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) if (WORK_FILE.test(name)) rmSync(join(dir, name), { force: true })
}

/** A private work file in the backups folder, for a restore being prepared or a backup being checked. */
export const workFile = (dir: string, kind: 'restore' | 'check', id: string): string =>
  join(dir, `.${kind}-${id}.sqlite`)
