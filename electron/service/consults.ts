import { randomUUID, type KeyObject } from 'node:crypto'
import { amendmentsFor, insertAmendment } from '../../db/queries/amendments'
import { consultsForPatient, getConsult, insertConsult, markSigned, updateDraft } from '../../db/queries/consults'
import { appendAudit } from '../../db/queries/audit-log'
import { printsForConsult } from '../../db/queries/handout-prints'
import { getPatient } from '../../db/queries/patients'
import {
  handoutPhotosOfConsult,
  insertPhoto,
  photosOfConsult,
  rowToPhoto,
  type PhotoRow
} from '../../db/queries/photos'
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
import { reindexConsult } from './consult-index'
import { queueReindex } from '../../db/queries/reindex-queue'
import { photoSubject } from './photos'
import { chainLink, checkRecord, signAmendment, signConsultRecord } from './record-signature'
import { publicKeysIn } from './signing-keys'

/** Who signs, with the key their PIN just opened. */
export interface Signer {
  readonly name: string
  readonly keyId: string
  readonly privateKey: KeyObject
}

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
  const patient = getPatient(db, consult.patientId)
  const facts = { dateOfBirth: patient?.dateOfBirth ?? null, fitzpatrick: patient?.fitzpatrick ?? null }
  const amendments = amendmentsFor(db, consult.id)
  const check = checkRecord(publicKeysIn(db), consult, patient, amendments, photosOfConsult(db, consult.id))
  return {
    consult,
    patientName: patient?.fullName ?? '',
    amendments,
    handouts: printsForConsult(db, consult.id),
    handoutPhotos: handoutPhotosOfConsult(db, consult.id),
    integrity: check.integrity,
    integrityProblem: check.problem,
    flags: flaggedQuestionIds(consult.screening),
    doNotTreat: doNotTreatIds(consult.screening),
    patient: facts,
    precautions: precautionsFor(facts, consult)
  }
}

/** A new draft for `patientId`, by the practitioner working. */
export function createConsult(db: WritableDB, patientId: string, practitioner: string): Consult {
  if (!getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  return db
    .transaction(() => {
      const consult = insertConsult(db, patientId, practitioner)
      reindexConsult(db, consult.id)
      return consult
    })
    .immediate()
}

/**
 * Saves a draft edited from version `baseUpdatedAt`. A save made from an older version (one
 * that arrived late, or from another window) is refused, so it never overwrites newer work.
 * The draft is durable when this returns; its search entry, tags and consent state are
 * queued in the same transaction and written by `catchUpIndex` (consult-index.ts), which the
 * caller runs once the answer is on its way and every search runs first.
 */
export function saveDraft(db: WritableDB, id: string, baseUpdatedAt: string, draft: ConsultDraft): SavedDraft {
  // Versions only ever go up, even if the clock steps back or two saves share a millisecond.
  const updatedAt = new Date(Math.max(Date.now(), Date.parse(baseUpdatedAt) + 1)).toISOString()
  const saved = db
    .transaction(() => {
      const updated = updateDraft(
        db,
        id,
        new Date(baseUpdatedAt).toISOString(),
        draft,
        flagCounts(draft.screening),
        updatedAt
      )
      if (updated) queueReindex(db, id)
      return updated
    })
    .immediate()
  if (saved) return { updatedAt }
  const current = getConsult(db, id)
  if (!current) throw notFound()
  if (current.status === 'signed') {
    throw new ServiceError('conflict', 'This consult is signed and can no longer be changed. Add an amendment instead.')
  }
  throw new ServiceError(
    'conflict',
    'This draft was changed elsewhere after you opened it, so this older change was not saved. The newer draft has been loaded.',
    {
      stale: current.updatedAt
    }
  )
}

/**
 * Signs `id` as `signer`, whose PIN the caller has checked and whose key it opened. The signer
 * becomes the consult's practitioner, so the record, the lists, the handout and the audit log
 * name one person. A plan that goes ahead over a "do not treat today" answer needs
 * `overrideReason`, which is stored and signed with it.
 */
export function signConsult(
  db: WritableDB,
  id: string,
  signer: Signer,
  overrideReason = '',
  now = new Date()
): ConsultRecord {
  return db
    .transaction(() => {
      const consult = { ...requireConsult(db, id), practitioner: signer.name }
      if (consult.status === 'signed') throw new ServiceError('conflict', 'This consult is already signed.')
      const problems = signingProblems(consult)
      const missingReason = overrideProblem(consult, overrideReason)
      if (missingReason) problems['overrideReason'] = missingReason
      if (Object.keys(problems).length > 0) {
        throw new ServiceError('invalid_input', Object.values(problems).join(' '), problems)
      }
      const signedAt = now.toISOString()
      const reason =
        doNotTreatIds(consult.screening).length > 0 && overrideReason.trim() !== '' ? overrideReason.trim() : null
      const patient = getPatient(db, consult.patientId)!
      const signed = { ...consult, overrideReason: reason }
      const { contentHash, signature } = signConsultRecord(
        signed,
        patient,
        signedAt,
        signer.name,
        signer.keyId,
        signer.privateKey,
        photosOfConsult(db, id).filter((photo) => photo.amendmentId === null)
      )
      markSigned(db, id, {
        signedAt,
        signedBy: signer.name,
        contentHash,
        signature,
        signingKeyId: signer.keyId,
        overrideReason: reason
      })
      reindexConsult(db, id)
      const detail = reason ? `went ahead over "do not treat": ${reason.slice(0, 200)}` : ''
      appendAudit(db, { action: 'signed', actor: signer.name, subject: consultSubject(db, consult), detail }, now)
      return consultRecord(db, requireConsult(db, id))
    })
    .immediate()
}

/** A photo ready to be added with an amendment: its file is stored, its row waits for the amendment. */
export type AmendmentPhotoDraft = Omit<PhotoRow, 'consult_id' | 'patient_id' | 'imported_at' | 'amendment_id'>

/**
 * Appends an amendment signed by `author` and chained to the last signature on the record,
 * with the photos added with it (their SHA-256 under the same signature).
 */
export function amendConsult(
  db: WritableDB,
  id: string,
  author: Signer,
  text: string,
  now = new Date(),
  photos: readonly AmendmentPhotoDraft[] = []
): Amendment {
  return db
    .transaction(() => {
      const consult = requireConsult(db, id)
      if (consult.status !== 'signed') {
        throw new ServiceError('conflict', 'Only a signed consult takes amendments; a draft can still be edited.')
      }
      const unsigned = {
        id: randomUUID(),
        consultId: id,
        author: author.name,
        text,
        createdAt: now.toISOString(),
        signingKeyId: author.keyId
      }
      const rows: PhotoRow[] = photos.map((photo) => ({
        ...photo,
        consult_id: id,
        patient_id: consult.patientId,
        imported_at: unsigned.createdAt,
        amendment_id: unsigned.id
      }))
      const previous = chainLink(consult, amendmentsFor(db, id))
      const signature = signAmendment(unsigned, previous, author.privateKey, rows.map(rowToPhoto))
      const amendment: Amendment = { ...unsigned, signature }
      insertAmendment(db, amendment)
      for (const row of rows) insertPhoto(db, row)
      reindexConsult(db, id)
      const withPhotos = rows.length > 0 ? ` (with ${rows.length} photo${rows.length > 1 ? 's' : ''})` : ''
      appendAudit(
        db,
        {
          action: 'amended',
          actor: author.name,
          subject: consultSubject(db, consult),
          detail: `${text.slice(0, 200)}${withPhotos}`
        },
        now
      )
      for (const row of rows) {
        appendAudit(
          db,
          {
            action: 'added-photo',
            actor: author.name,
            subject: photoSubject(row),
            detail: `${row.sha256}, amendment ${unsigned.id}`
          },
          now
        )
      }
      return amendment
    })
    .immediate()
}

export function listForPatient(db: WritableDB, patientId: string): ConsultSummary[] {
  if (!getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  return consultsForPatient(db, patientId)
}

export const getConsultRecord = (db: WritableDB, id: string): ConsultRecord => consultRecord(db, requireConsult(db, id))
