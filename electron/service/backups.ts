import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ownerOnlyFolder } from '../../db/owner-only'
import { BACKUP_NAME, type BackupInfo } from '../contract'
import {
  chunkFileInto,
  readManifest,
  removeChunkWorkFiles,
  removeUnreferencedChunks,
  storedBytes,
  writeManifest,
  type Manifest
} from './chunk-store'

type Reason = BackupInfo['reason']

/** Files being written (a backup in progress, a restore being prepared); never listed, removed at start. */
const WORK_FILE = /^\.(partial|restore|check)-/

/** Retention: the newest 3 from today, the newest one of each of the 14 days before, 30 at most in all. */
const KEEP_TODAY = 3
const KEEP_DAYS = 14
const KEEP_MAX = 30
/**
 * The backups together take at most this many times the database's size (the newest one is
 * always kept), or the floor below, whichever is more.
 */
const MAX_STORE_FACTOR = 3
/** A small database keeps its whole history: every change rewrites most of its few chunks. */
const STORE_FLOOR_BYTES = 100 * 1024 * 1024

export const backupsDir = (databasePath: string): string => join(dirname(databasePath), 'backups')

function backupName(now: Date, reason: Reason): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `consults-${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}-${p(now.getUTCMilliseconds(), 3)}-${reason}.manifest`
}

/** A backup as it lies in the folder: a whole copy (`.sqlite`) or a manifest of chunks. */
interface Stored {
  readonly info: BackupInfo
  /** The chunks it needs; undefined for a whole copy (or a manifest that cannot be read). */
  readonly manifest: Manifest | undefined
  /** Size of its own file (the whole copy, or the manifest). */
  readonly fileBytes: number
}

function stored(dir: string, name: string): Stored | undefined {
  const m = BACKUP_NAME.exec(name)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, ms, reason, format] = m
  const path = join(dir, name)
  const fileBytes = statSync(path).size
  const manifest = format === 'manifest' ? readManifest(path) : undefined
  const createdAt = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!)).toISOString()
  // A backup's size is that of the database it holds.
  return {
    info: { name, createdAt, reason: reason as Reason, bytes: manifest?.bytes ?? fileBytes },
    manifest,
    fileBytes
  }
}

function listStored(dir: string): Stored[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((name) => stored(dir, name))
    .filter((s): s is Stored => s !== undefined)
    .sort((a, b) => (a.info.createdAt < b.info.createdAt ? 1 : -1))
}

export const infoOf = (dir: string, name: string): BackupInfo | undefined => stored(dir, name)?.info

export const listBackups = (dir: string): BackupInfo[] => listStored(dir).map((s) => s.info)

/**
 * Which backups the retention rule keeps, given all of them newest first: 3 from today, one
 * a day for 14 days, and every copy saved before a restore (it may hold the only copy of
 * what the restore took away), the newest 30 of those at most.
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
  const kept = all.filter((b) => keep.has(b.name) || b.reason === 'before-restore')
  return new Set(kept.slice(0, KEEP_MAX).map((b) => b.name))
}

/** Bytes the backups take on disk: whole copies and manifests, and the chunks they name, each once. */
const bytesOnDisk = (backups: readonly Stored[]): number =>
  backups.reduce((sum, b) => sum + b.fileBytes, 0) +
  storedBytes(backups.flatMap((b) => (b.manifest ? [b.manifest] : [])))

/**
 * Applies the retention rule, then drops the oldest backups (regular ones before those saved
 * before a restore, never the newest) while they take more than `limit` bytes;
 * deletes what goes and the chunks no kept manifest names.
 */
function prune(dir: string, now: Date, limit: number): void {
  const all = listStored(dir)
  const rule = backupsToKeep(
    all.map((s) => s.info),
    now
  )
  const kept = all.filter((s) => rule.has(s.info.name))
  while (kept.length > 1 && bytesOnDisk(kept) > limit) {
    const oldestRegular = kept.findLastIndex((s, i) => i > 0 && s.info.reason !== 'before-restore')
    kept.splice(oldestRegular > 0 ? oldestRegular : kept.length - 1, 1)
  }
  const keep = new Set(kept.map((s) => s.info.name))
  for (const s of all) if (!keep.has(s.info.name)) rmSync(join(dir, s.info.name), { force: true })
  removeUnreferencedChunks(
    dir,
    kept.flatMap((s) => (s.manifest ? [s.manifest] : []))
  )
}

/** Where a backup reads the database from. */
export interface BackupSource {
  /** The database file. */
  readonly file: string
  /** Runs `read` while `file` holds a consistent image of the database that does not change. */
  hold<T>(read: (schemaVersion: number | null) => Promise<T>): Promise<T>
}

export interface BackupOptions {
  readonly now?: Date
  /** Chunk size for a new chunk store entry (tests use small ones). */
  readonly chunkBytes?: number
  /** Below this size the backups are not pruned for size (tests use 0). */
  readonly floorBytes?: number
}

/**
 * Stores the chunks of the database not stored yet, then writes the manifest (synced, under
 * a work name, then renamed), so a backup cut short by a crash is never listed; then prunes.
 * A database identical to the newest backup writes nothing and returns that backup, except
 * before a restore, when the copy must be one that is never pruned by the daily rule.
 */
export async function createBackup(
  source: BackupSource,
  databasePath: string,
  reason: Reason,
  { now = new Date(), chunkBytes, floorBytes = STORE_FLOOR_BYTES }: BackupOptions = {}
): Promise<BackupInfo> {
  const dir = backupsDir(databasePath)
  ownerOnlyFolder(dir)
  const { manifest } = await source.hold((version) => chunkFileInto(dir, source.file, version, chunkBytes))
  const newest = listStored(dir)[0]
  if (reason !== 'before-restore' && newest?.manifest?.sha256 === manifest.sha256) return newest.info
  const name = backupName(now, reason)
  writeManifest(join(dir, name), join(dir, `.partial-${name}`), manifest)
  prune(dir, now, Math.max(MAX_STORE_FACTOR * manifest.bytes, floorBytes))
  return infoOf(dir, name)!
}

/** Removes work files a crash left behind (only at start, before any backup or restore runs). */
export function removeWorkFiles(dir: string): void {
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) if (WORK_FILE.test(name)) rmSync(join(dir, name), { force: true })
  removeChunkWorkFiles(dir)
}

/** A private work file in the backups folder, for a restore being prepared or a backup being checked. */
export const workFile = (dir: string, kind: 'restore' | 'check', id: string): string =>
  join(dir, `.${kind}-${id}.sqlite`)
