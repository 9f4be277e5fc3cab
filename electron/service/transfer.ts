import { amendmentsFor, insertAmendmentAsIs } from '../../db/queries/amendments'
import { appendAudit } from '../../db/queries/audit-log'
import { consentsTakenIn, getConsent, insertConsent, insertWithdrawal, withdrawalFor } from '../../db/queries/consents'
import { consultsPage, countConsults, getConsult, insertConsultAsIs } from '../../db/queries/consults'
import { getPatient, insertPatientIfNew } from '../../db/queries/patients'
import { photosOfConsult } from '../../db/queries/photos'
import type { WritableDB } from '../../db/types'
import {
  flaggedQuestionIds,
  ServiceError,
  type Consult,
  type ExportPage,
  type ImportResult,
  type importBatchSchema
} from '../contract'
import type { z } from 'zod'
import { refreshPatientConsentState } from './consent-state'
import { reindexConsult } from './consult-index'

/** One page of a complete export: each consult with its patient and amendments. */
export function exportPage(db: WritableDB, patientId: string | null, offset: number, limit: number): ExportPage {
  if (patientId !== null && !getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  const total = countConsults(db, patientId)
  const items = consultsPage(db, patientId, offset, limit).map((consult) => ({
    consult,
    patient: getPatient(db, consult.patientId)!,
    amendments: amendmentsFor(db, consult.id),
    consents: consentsTakenIn(db, consult.id).map((consent) => ({ consent, withdrawal: withdrawalFor(db, consent.id) })),
    photos: photosOfConsult(db, consult.id).map(({ thumb: _thumb, ...photo }) => photo)
  }))
  if (offset === 0) {
    appendAudit(db, {
      action: 'exported',
      actor: 'Clinic',
      subject: patientId ? `consults of ${getPatient(db, patientId)!.fullName}` : 'all consults',
      detail: `${total} consult${total === 1 ? '' : 's'}`
    })
  }
  return { total, items }
}

/**
 * Adds the consults (with patients and amendments) that this database does not have yet,
 * by id, so importing the same file twice adds nothing. Signed consults keep their hash,
 * so the signature check still tells whether they were changed. Consents and withdrawals
 * are added by id the same way, to a consult already here or just added.
 */
export function importBatch(db: WritableDB, batch: z.output<typeof importBatchSchema>): ImportResult {
  let added = 0
  let skipped = 0
  db.transaction(() => {
    for (const { consult, patient, amendments, consents } of batch.items) {
      if (
        consult.patientId !== patient.id ||
        amendments.some((a) => a.consultId !== consult.id) ||
        consents.some(({ consent, withdrawal }) => consent.consultId !== consult.id || consent.patientId !== patient.id || (withdrawal !== null && withdrawal.consentId !== consent.id))
      ) {
        throw new ServiceError('invalid_input', 'The file does not hang together: a consult, its patient, its amendments and its consents disagree.')
      }
      insertPatientIfNew(db, patient)
      const isNew = !getConsult(db, consult.id)
      if (isNew) {
        insertConsultAsIs(db, consult as Consult, flaggedQuestionIds(consult.screening).length)
        for (const amendment of amendments) insertAmendmentAsIs(db, amendment)
      }
      for (const { consent, withdrawal } of consents) {
        if (!getConsent(db, consent.id)) insertConsent(db, consent)
        if (withdrawal && !withdrawalFor(db, consent.id)) insertWithdrawal(db, withdrawal)
      }
      if (isNew) reindexConsult(db, consult.id)
      if (consents.length > 0) refreshPatientConsentState(db, patient.id)
      if (isNew) added++
      else skipped++
    }
    appendAudit(db, { action: 'imported', actor: 'Clinic', subject: 'consults', detail: `${added} added, ${skipped} already there` })
  }).immediate()
  return { added, skipped }
}
