import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { appendAudit } from '../../db/queries/audit-log'
import type { WritableDB } from '../../db/types'
import { ServiceError, type BackupInfo, type RestoreResult } from '../contract'
import { backupsDir, checkBackup, createBackup, infoOf, listBackups, replaceDatabaseFile } from './backups'
import { restorePhotos } from './photo-backups'

/** Backups and restores of the live database; a restore swaps the file under the service. */
export interface Maintenance {
  backupNow(reason: 'auto' | 'manual'): Promise<BackupInfo>
  listBackups(): BackupInfo[]
  restore(name: string): Promise<RestoreResult>
}

export interface LiveDatabase {
  readonly path: string
  current(): WritableDB
  /** Closes the database, runs `swap` on the closed file, and opens it again. */
  reopen(swap: () => void): void
}

export function createMaintenance(live: LiveDatabase): Maintenance {
  const dir = backupsDir(live.path)
  return {
    async backupNow(reason) {
      const backup = await createBackup(live.current(), live.path, reason)
      if (reason === 'manual') appendAudit(live.current(), { action: 'backed-up', actor: 'Clinic', subject: backup.name, detail: '' })
      return backup
    },

    listBackups: () => listBackups(dir),

    async restore(name) {
      const path = join(dir, name)
      if (!existsSync(path)) throw new ServiceError('not_found', 'That backup no longer exists.')
      checkBackup(path)
      const restored = infoOf(dir, name)!
      const savedFirst = await createBackup(live.current(), live.path, 'before-restore')
      try {
        live.reopen(() => replaceDatabaseFile(live.path, path))
      } catch (error) {
        live.reopen(() => replaceDatabaseFile(live.path, join(dir, savedFirst.name)))
        throw new ServiceError('internal', `The backup could not be opened, so the database was put back as it was. (${String(error)})`)
      }
      const missing = restorePhotos(live.current(), live.path, dir)
      appendAudit(live.current(), {
        action: 'restored',
        actor: 'Clinic',
        subject: name,
        detail: `copy before restoring: ${savedFirst.name}${missing.length > 0 ? `; ${missing.length} photo files missing` : ''}`
      })
      return { restored, savedFirst, missingPhotos: missing.length }
    }
  }
}
