import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { appendAudit } from '../../db/queries/audit-log'
import type { WritableDB } from '../../db/types'
import { ServiceError, type BackupInfo, type Health, type RestorePreview, type RestoreResult } from '../contract'
import { backupsDir, createBackup, infoOf, listBackups, removeWorkFiles, type BackupSource } from './backups'
import { catchUpIndex } from './consult-index'
import { fileAsItIs, liveDatabase } from './db-snapshot'
import { forgetAuditHead, recordAuditHead } from './health'
import { Candidate } from './restore-candidate'
import { carryForward, previewRestore, recordRestoreOverDamaged } from './restore-carry'
import { backUpPhotos, restorePhotos } from './photo-backups'
import { practitioners } from './practitioners'

/** Backups and restores of the live database, one at a time; a restore swaps the file under the service. */
export interface Maintenance {
  backupNow(reason: 'auto' | 'manual'): Promise<BackupInfo>
  listBackups(): BackupInfo[]
  /** What restoring `name` would take away, after checking the backup whole. */
  preview(name: string): Promise<RestorePreview>
  /**
   * Restores `name` for whoever `authorize` names after checking their PIN in the database
   * it is given: the live one, or the backup's when the live one cannot be read.
   */
  restore(name: string, authorize: (db: WritableDB) => Promise<string>): Promise<RestoreResult>
  health(): Health
}

export interface LiveDatabase {
  readonly path: string
  current(): WritableDB
  /** Problems found at start or after the last restore; a damaged database is not written to, an unreadable one not read. */
  readonly state: { writable: boolean; readable: boolean; problems: readonly string[] }
  /** Closes the database, runs `swap` on the closed file, and opens it again (checking it afresh). */
  reopen(swap: () => void): void
}

export interface MaintenanceOptions {
  readonly nativeBinding?: string | undefined
  /** The clock that dates backups and drives the retention rule. */
  readonly now?: () => number
  /** Chunk size of new backups (tests use small ones); 1 MiB unless given. */
  readonly chunkBytes?: number
}

/** Runs jobs strictly one after another, whatever each one's outcome. */
class Queue {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(job, job)
    this.#tail = result.catch(() => undefined)
    return result
  }
}

export function createMaintenance(live: LiveDatabase, options: MaintenanceOptions = {}): Maintenance {
  const dir = backupsDir(live.path)
  const { nativeBinding, now = Date.now, chunkBytes } = options
  const backUp = (source: BackupSource, reason: BackupInfo['reason']) =>
    createBackup(source, live.path, reason, { now: new Date(now()), chunkBytes })
  /** The live database as a backup reads it, its search brought up to date with every save first. */
  const present = () => {
    catchUpIndex(live.current())
    return liveDatabase(live.current(), live.path, nativeBinding)
  }
  const queue = new Queue()
  removeWorkFiles(dir)

  const existing = (name: string): BackupInfo => {
    const info = existsSync(join(dir, name)) ? infoOf(dir, name) : undefined
    if (!info) throw new ServiceError('not_found', 'That backup no longer exists.')
    return info
  }

  /** After the database copy: adds the photo files it names to the backups' photo folder (only new ones). */
  function withPhotos(backup: BackupInfo): BackupInfo {
    backUpPhotos(live.current(), live.path, dir)
    return backup
  }

  /** The present data, saved before a restore; a damaged file that SQLite cannot read is saved as it is. */
  async function savePresent(): Promise<BackupInfo> {
    if (live.state.writable) return withPhotos(await backUp(present(), 'before-restore'))
    return backUp(fileAsItIs(live.path), 'before-restore')
  }

  return {
    backupNow: (reason) =>
      queue.run(async () => {
        if (!live.state.writable) {
          throw new ServiceError(
            'unsupported',
            'The database is damaged, so it is not backed up over good backups. Restore the latest good backup in Settings → Backups.'
          )
        }
        const backup = withPhotos(await backUp(present(), reason))
        if (reason === 'manual')
          appendAudit(live.current(), { action: 'backed-up', actor: 'Clinic', subject: backup.name, detail: '' })
        recordAuditHead(live.current(), live.path)
        return backup
      }),

    listBackups: () => listBackups(dir),

    preview: (name) =>
      queue.run(async () => {
        const backup = existing(name)
        const candidate = Candidate.open(join(dir, name), dir, nativeBinding)
        try {
          return previewRestore(live.current(), candidate.db, backup)
        } finally {
          candidate.discard()
        }
      }),

    restore: (name, authorize) =>
      queue.run(async () => {
        const backup = existing(name)
        const candidate = Candidate.open(join(dir, name), dir, nativeBinding)
        try {
          const actor = await authorize(live.state.readable ? live.current() : candidate.db)
          const savedFirst = await savePresent()
          // From here on nothing awaits, so no other call can write between carrying the
          // present forward and swapping the files.
          const removed = live.state.writable
            ? carryForward(live.current(), candidate.db, backup, savedFirst, actor)
            : recordRestoreOverDamaged(candidate.db, backup, savedFirst, actor)
          if (!live.state.writable) forgetAuditHead(live.path)
          live.reopen(() => candidate.sealInto(live.path))
          recordAuditHead(live.current(), live.path)
          const missing = restorePhotos(live.current(), live.path, dir)
          return { restored: backup, savedFirst, removed, missingPhotos: missing.length }
        } finally {
          candidate.discard()
        }
      }),

    health: () => ({
      writable: live.state.writable,
      problems: live.state.problems,
      ...(live.state.writable
        ? { latestGoodBackup: null, backupPractitioners: [] }
        : latestGoodBackup(dir, nativeBinding))
    })
  }
}

/** The newest backup that passes every check a restore makes, and who can restore it (by PIN). */
function latestGoodBackup(
  dir: string,
  nativeBinding: string | undefined
): Pick<Health, 'latestGoodBackup' | 'backupPractitioners'> {
  for (const backup of listBackups(dir)) {
    let candidate: Candidate
    try {
      candidate = Candidate.open(join(dir, backup.name), dir, nativeBinding)
    } catch {
      continue // damaged or foreign: try the one before
    }
    try {
      const active = practitioners(candidate.db).filter((p) => p.active)
      return { latestGoodBackup: backup, backupPractitioners: active.map(({ id, name }) => ({ id, name })) }
    } finally {
      candidate.discard()
    }
  }
  return { latestGoodBackup: null, backupPractitioners: [] }
}
