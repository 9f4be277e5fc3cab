import { z } from 'zod'

export interface AuditEntry {
  readonly id: number
  readonly at: string
  /** signed, amended, printed, saved-pdf, backed-up, restored */
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
}

export const backupNameSchema = z.strictObject({
  name: z.string().regex(/^consults-\d{8}-\d{6}-\d{3}-(auto|manual|before-restore)\.sqlite$/, 'That is not the name of a backup.')
})

export const auditQuerySchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(200),
  /** Only entries of this action (e.g. "signed"); all of them when left out. */
  action: z.string().regex(/^[a-z-]{1,40}$/, 'That is not an audit action.').optional()
})
