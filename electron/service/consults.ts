import { amendmentsFor, insertAmendment } from '../../db/queries/amendments'
import { consultsForPatient, getConsult, insertConsult, markSigned, updateDraft } from '../../db/queries/consults'
import { appendAudit } from '../../db/queries/audit-log'
import { printsForConsult } from '../../db/queries/handout-prints'
import { getPatient } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import {
  doNotTreatIds,
  flagCounts,
  flaggedQuestionIds,
  overrideProblem,
  precautionsFor,
  ServiceError,
  signingProblems,
  type Amendment,
  type Consult,
  type ConsultDraft,
  type ConsultRecord,
  type ConsultSummary,
  type SavedDraft
} from '../contract'
import { hashSignedContent, verifySignedContent } from './consult-hash'
import { reindexConsult } from './consult-index'

const notFound = () => new ServiceError('not_found', 'That consult could not be found.')

/** How the audit log names a consult: whose, and when. */
export const consultSubject = (db: WritableDB, consult: Consult): string =>
  `consult of ${getPatient(db, consult.patientId)?.fullName ?? 'an unknown patient'}, ${consult.consultedAt.slice(0, 10)} (${consult.id})`

function requireConsult(db: WritableDB, id: string): Consult {
  const consult = getConsult(db, id)
  if (!consult) throw notFound()
  return consult
}

export function consultRecord(db: WritableDB, consult: Consult): ConsultRecord {
  const found = getPatient(db, consult.patientId)
  const patient = { dateOfBirth: found?.dateOfBirth ?? null, fitzpatrick: found?.fitzpatrick ?? null }
  return {
    consult,
    patientName: found?.fullName ?? '',
    amendments: amendmentsFor(db, consult.id),
    handouts: printsForConsult(db, consult.id),
    integrity: verifySignedContent(consult),
    flags: flaggedQuestionIds(consult.screening),
    doNotTreat: doNotTreatIds(consult.screening),
    patient,
    precautions: precautionsFor(patient, consult)
  }
}

export function createConsult(db: WritableDB, patientId: string): Consult {
  if (!getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  return db.transaction(() => {
    const consult = insertConsult(db, patientId)
    reindexConsult(db, consult.id)
    return consult
  }).immediate()
}

export function saveDraft(db: WritableDB, id: string, draft: ConsultDraft): SavedDraft {
  const now = new Date()
  const saved = db
    .transaction(() => {
      const updated = updateDraft(db, id, draft, flagCounts(draft.screening), now)
      if (updated) reindexConsult(db, id)
      return updated
    })
    .immediate()
  if (saved) return { updatedAt: now.toISOString() }
  if (getConsult(db, id)) {
    throw new ServiceError('conflict', 'This consult is signed and can no longer be changed. Add an amendment instead.')
  }
  throw notFound()
}

/**
 * Signs `id` as `signer`, whose PIN the caller has checked. The signer becomes the consult's
 * practitioner, so the record, the lists, the handout and the audit log name one person. A
 * plan that goes ahead over a "do not treat today" answer needs `overrideReason`, which is
 * stored and signed with it.
 */
export function signConsult(db: WritableDB, id: string, signer: string, overrideReason = '', now = new Date()): ConsultRecord {
  return db.transaction(() => {
    const consult = { ...requireConsult(db, id), practitioner: signer }
    if (consult.status === 'signed') throw new ServiceError('conflict', 'This consult is already signed.')
    const problems = signingProblems(consult)
    const missingReason = overrideProblem(consult, overrideReason)
    if (missingReason) problems['overrideReason'] = missingReason
    if (Object.keys(problems).length > 0) {
      throw new ServiceError('invalid_input', Object.values(problems).join(' '), problems)
    }
    const signedAt = now.toISOString()
    const reason = doNotTreatIds(consult.screening).length > 0 && overrideReason.trim() !== '' ? overrideReason.trim() : null
    const contentHash = hashSignedContent({ ...consult, overrideReason: reason }, signedAt, signer)
    markSigned(db, id, { signedAt, signedBy: signer, contentHash, overrideReason: reason })
    reindexConsult(db, id)
    const detail = reason ? `went ahead over "do not treat": ${reason.slice(0, 200)}` : ''
    appendAudit(db, { action: 'signed', actor: signer, subject: consultSubject(db, consult), detail }, now)
    return consultRecord(db, requireConsult(db, id))
  }).immediate()
}

export function amendConsult(db: WritableDB, id: string, author: string, text: string): Amendment {
  return db.transaction(() => {
    const consult = requireConsult(db, id)
    if (consult.status !== 'signed') {
      throw new ServiceError('conflict', 'Only a signed consult takes amendments; a draft can still be edited.')
    }
    const amendment = insertAmendment(db, id, author, text)
    reindexConsult(db, id)
    appendAudit(db, { action: 'amended', actor: author, subject: consultSubject(db, consult), detail: text.slice(0, 200) })
    return amendment
  }).immediate()
}

export function listForPatient(db: WritableDB, patientId: string): ConsultSummary[] {
  if (!getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  return consultsForPatient(db, patientId)
}

export const getConsultRecord = (db: WritableDB, id: string): ConsultRecord => consultRecord(db, requireConsult(db, id))
