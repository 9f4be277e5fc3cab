import { z } from 'zod'
import type { ExportedConsult } from './transfer'

export interface AuditEntry {
  readonly id: number
  readonly at: string
  /** signed, amended, printed, saved-pdf, backed-up, restored, set-up, unlocked, ended-presentation, pin-failed, pin-locked-out, pin-changed, practitioner-added/-renamed/-deactivated/-reactivated */
  readonly action: string
  readonly actor: string
  /** What it concerned, e.g. "consult of Ada Lovelace" or a backup's file name. */
  readonly subject: string
  readonly detail: string
}

export interface BackupInfo {
  readonly name: string
  readonly createdAt: string
  readonly reason: 'auto' | 'manual' | 'before-restore'
  readonly bytes: number
}

export interface RestoreResult {
  readonly restored: BackupInfo
  /** The copy of the database as it was just before the restore, so the restore can be undone. */
  readonly savedFirst: BackupInfo
  readonly removed: RestorePreview
  /** Photos the restored database names whose files are missing or damaged, and that no backup holds whole (0 when all came back). */
  readonly missingPhotos: number
}

/**
 * A backup's file name: when it was made (UTC, to the millisecond), why, and its format: a
 * whole copy of the database (`.sqlite`, as older versions made them) or a manifest of
 * chunks (`.manifest`).
 */
export const BACKUP_NAME =
  /^consults-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-(auto|manual|before-restore)\.(sqlite|manifest)$/

const backupName = z.string().regex(BACKUP_NAME, 'That is not the name of a backup.')

export const backupNameSchema = z.strictObject({ name: backupName })

/** A restore takes records away, so it needs a practitioner's PIN. */
export const restoreSchema = z.strictObject({
  name: backupName,
  practitionerId: z.uuid({ error: 'Choose who is restoring.' }),
  pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.')
})

/** What restoring a backup would take away from the data as it is now. */
export interface RestorePreview {
  readonly backup: BackupInfo
  /** Consults made since the backup. */
  readonly consultsRemoved: number
  /** Drafts whose later changes would be undone. */
  readonly draftsChanged: number
  /** Consults signed since the backup (kept in the "removed by restore" archive). */
  readonly signedRemoved: number
  /** Amendments made since the backup (kept in the archive with their consult). */
  readonly amendmentsRemoved: number
}

/** A signed record a restore took out of the main tables, kept whole. */
export interface RemovedRecord {
  readonly id: string
  readonly consultId: string
  readonly patientName: string
  readonly removedAt: string
  readonly restoredBackup: string
  /** The consult as it was, in the export format, with its patient, amendments and public keys. */
  readonly record: ExportedConsult
}

/** How the database looked when the app started, and after each restore. */
export interface Health {
  /** Damaged: the app refuses to write to it until a backup is restored. */
  readonly writable: boolean
  readonly problems: readonly string[]
  /** The newest backup that passes every check, offered when the database is damaged. */
  readonly latestGoodBackup: BackupInfo | null
  /** The active practitioners of that backup: one of their PINs restores it from the lock screen. */
  readonly backupPractitioners: readonly { readonly id: string; readonly name: string }[]
}

export const auditQuerySchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(200),
  /** Only entries of this action (e.g. "signed"); all of them when left out. */
  action: z
    .string()
    .regex(/^[a-z-]{1,40}$/, 'That is not an audit action.')
    .optional()
})
