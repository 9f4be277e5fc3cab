import { randomUUID } from 'node:crypto'
import { amendmentIds } from '../../db/queries/amendments'
import { allAudit, appendAudit, auditEntry, insertAuditAsIs } from '../../db/queries/audit-log'
import { consultStamps, getConsult } from '../../db/queries/consults'
import { getPatient } from '../../db/queries/patients'
import { allRemovedRows, hasRemoved, insertRemoved } from '../../db/queries/removed-by-restore'
import { allSigningKeys, insertSigningKey, signingKey } from '../../db/queries/signing-keys'
import type { ReadableDB, WritableDB } from '../../db/types'
import type { BackupInfo, RestorePreview } from '../contract'
import { exportedConsult } from './transfer'

interface Taken {
  readonly preview: Omit<RestorePreview, 'backup'>
  /** Signed consults that lose the consult itself or some amendments. */
  readonly signedToArchive: readonly string[]
}

/** What replacing `live` with `candidate` would take away. */
function compare(live: ReadableDB, candidate: ReadableDB): Taken {
  const kept = new Map(consultStamps(candidate).map((c) => [c.id, c]))
  const keptAmendments = new Set(amendmentIds(candidate).map((a) => a.id))
  const lostAmendments = amendmentIds(live).filter((a) => !keptAmendments.has(a.id))
  const withLostAmendments = new Set(lostAmendments.map((a) => a.consult_id))
  let consultsRemoved = 0
  let draftsChanged = 0
  let signedRemoved = 0
  const signedToArchive: string[] = []
  for (const consult of consultStamps(live)) {
    const there = kept.get(consult.id)
    if (!there) consultsRemoved++
    else if (there.updated_at !== consult.updated_at && there.status === 'draft') draftsChanged++
    if (consult.status !== 'signed') continue
    const lost = there?.status !== 'signed'
    if (lost) signedRemoved++
    if (lost || withLostAmendments.has(consult.id)) signedToArchive.push(consult.id)
  }
  return {
    preview: { consultsRemoved, draftsChanged, signedRemoved, amendmentsRemoved: lostAmendments.length },
    signedToArchive
  }
}

export const previewRestore = (live: ReadableDB, candidate: ReadableDB, backup: BackupInfo): RestorePreview => ({
  backup,
  ...compare(live, candidate).preview
})

/**
 * Fills the restored database (`candidate`) with what must outlive any restore: the audit
 * log (the backup's log is a prefix of the live one, so the rest is appended as it was, hash
 * chain and all), every signing key, the archive of records earlier restores removed, and,
 * newly archived, the signed records this restore takes away. Then records the restore.
 */
export function carryForward(
  live: WritableDB,
  candidate: WritableDB,
  backup: BackupInfo,
  savedFirst: BackupInfo,
  actor: string,
  now = new Date()
): RestorePreview {
  const taken = compare(live, candidate)
  candidate
    .transaction(() => {
      let diverged = 0
      for (const entry of allAudit(live)) {
        const there = auditEntry(candidate, entry.id)
        if (!there) insertAuditAsIs(candidate, entry)
        else if (there.hash !== entry.hash) diverged++
      }
      for (const key of allSigningKeys(live)) if (!signingKey(candidate, key.id)) insertSigningKey(candidate, key)
      for (const row of allRemovedRows(live)) if (!hasRemoved(candidate, row.id)) insertRemoved(candidate, row)
      for (const id of taken.signedToArchive) {
        const consult = getConsult(live, id)!
        insertRemoved(candidate, {
          id: randomUUID(),
          consult_id: id,
          patient_name: getPatient(live, consult.patientId)?.fullName ?? '',
          removed_at: now.toISOString(),
          restored_backup: backup.name,
          record: JSON.stringify(exportedConsult(live, consult))
        })
      }
      const { consultsRemoved, amendmentsRemoved } = taken.preview
      const details = [
        `copy before restoring: ${savedFirst.name}`,
        `${consultsRemoved} consults, ${amendmentsRemoved} amendments taken away; ${taken.signedToArchive.length} signed records kept in “removed by restore”`
      ]
      if (diverged > 0)
        details.push(`${diverged} entries of the backup’s audit log differ from this log (kept as in the backup)`)
      appendAudit(candidate, { action: 'restored', actor, subject: backup.name, detail: details.join('; ') }, now)
    })
    .immediate()
  return { backup, ...taken.preview }
}

/** When the present database is too damaged to read: the restore is recorded, nothing is carried forward. */
export function recordRestoreOverDamaged(
  candidate: WritableDB,
  backup: BackupInfo,
  savedFirst: BackupInfo,
  actor: string
): RestorePreview {
  appendAudit(candidate, {
    action: 'restored',
    actor,
    subject: backup.name,
    detail: `the damaged database could not be read, so nothing was carried forward; it is kept as ${savedFirst.name}`
  })
  return { backup, consultsRemoved: 0, draftsChanged: 0, signedRemoved: 0, amendmentsRemoved: 0 }
}
