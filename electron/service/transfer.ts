import { amendmentsFor, getAmendment, insertAmendment } from '../../db/queries/amendments'
import { appendAudit } from '../../db/queries/audit-log'
import { consentsTakenIn, getConsent, insertConsent, insertWithdrawal, withdrawalFor } from '../../db/queries/consents'
import { consultsPage, countConsults, getConsult, insertConsultAsIs } from '../../db/queries/consults'
import { getPatient, insertPatientIfNew } from '../../db/queries/patients'
import { listPractitioners } from '../../db/queries/practitioners'
import { insertSigningKey, signingKey } from '../../db/queries/signing-keys'
import { photosOfConsult } from '../../db/queries/photos'
import type { WritableDB } from '../../db/types'
import {
  flagCounts,
  ServiceError,
  type Consult,
  type ExportedConsult,
  type ExportPage,
  type ImportResult,
  type importBatchSchema,
  type PublicSigningKey,
  type RefusedImport
} from '../contract'
import type { z } from 'zod'
import { canonicalJson } from './consult-hash'
import { refreshPatientConsentState } from './consent-state'
import { reindexConsult } from './consult-index'
import { checkRecord } from './record-signature'
import { publicKeysIn } from './signing-keys'

/** A consult with its patient, its amendments, the public keys that check their signatures, its consents and its photos. */
export function exportedConsult(db: WritableDB, consult: Consult): ExportedConsult {
  const amendments = amendmentsFor(db, consult.id)
  const keyIds = new Set([consult.signingKeyId, ...amendments.map((a) => a.signingKeyId)].filter((id) => id !== null))
  const keyOf = publicKeysIn(db)
  return {
    consult,
    patient: getPatient(db, consult.patientId)!,
    amendments,
    keys: [...keyIds].map(keyOf).filter((key) => key !== undefined),
    consents: consentsTakenIn(db, consult.id).map((consent) => ({
      consent,
      withdrawal: withdrawalFor(db, consent.id)
    })),
    photos: photosOfConsult(db, consult.id).map(({ thumb: _thumb, ...photo }) => photo)
  }
}

/** One page of a complete export: each consult with its patient, amendments and signers' public keys. */
export function exportPage(db: WritableDB, patientId: string | null, offset: number, limit: number): ExportPage {
  if (patientId !== null && !getPatient(db, patientId))
    throw new ServiceError('not_found', 'That patient could not be found.')
  const total = countConsults(db, patientId)
  const items = consultsPage(db, patientId, offset, limit).map((consult) => exportedConsult(db, consult))
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

type ImportItem = z.output<typeof importBatchSchema>['items'][number]

class Refusal extends Error {}

/** Stores the public keys a record came with, refusing one that would let a file speak for this clinic. */
function acceptKeys(db: WritableDB, keys: readonly PublicSigningKey[]): void {
  const locals = listPractitioners(db)
  for (const key of keys) {
    const known = signingKey(db, key.id)
    if (known) {
      if (known.public_key !== key.publicKey)
        throw new Refusal('a signing key in the file differs from the key with the same id here')
      continue
    }
    const claimed = locals.find(
      (p) => p.id === key.practitionerId || p.name.toLowerCase() === key.practitionerName.toLowerCase()
    )
    if (claimed)
      throw new Refusal(
        `it is signed with a key that claims to be ${claimed.name}’s, but this clinic never made that key`
      )
    insertSigningKey(db, {
      id: key.id,
      practitioner_id: key.practitionerId,
      practitioner_name: key.practitionerName,
      public_key: key.publicKey,
      private_key: null,
      origin: 'imported',
      created_at: key.createdAt,
      retired_at: null
    })
  }
}

/** 'added' or 'same'; throws a Refusal saying why a record cannot come in. */
function importItem(
  db: WritableDB,
  { consult, patient, amendments, keys, consents, photos }: ImportItem
): 'added' | 'same' {
  if (
    consult.patientId !== patient.id ||
    amendments.some((a) => a.consultId !== consult.id) ||
    photos.some((p) => p.consultId !== consult.id || p.patientId !== patient.id) ||
    consents.some(
      ({ consent, withdrawal }) =>
        consent.consultId !== consult.id ||
        consent.patientId !== patient.id ||
        (withdrawal !== null && withdrawal.consentId !== consent.id)
    )
  ) {
    throw new Refusal('the consult, its patient, its amendments, its consents and its photos in the file disagree')
  }
  if (new Set(amendments.map((a) => a.id)).size !== amendments.length)
    throw new Refusal('two of its amendments have the same id')
  if (
    consult.status === 'draft' &&
    (amendments.length > 0 || consult.signature !== null || consult.signingKeyId !== null)
  ) {
    throw new Refusal('it is a draft, yet it carries amendments or a signature')
  }
  const existing = getConsult(db, consult.id)
  if (existing) {
    const same =
      canonicalJson(existing) === canonicalJson(consult) &&
      canonicalJson(amendmentsFor(db, consult.id)) === canonicalJson(amendments)
    if (!same) throw new Refusal('a different consult (or different amendments) with the same id is already here')
    importConsents(db, patient.id, consents)
    return 'same'
  }
  if (amendments.some((a) => getAmendment(db, a.id)))
    throw new Refusal('one of its amendment ids is already used by another record here')
  acceptKeys(db, keys)
  insertPatientIfNew(db, patient)
  const check = checkRecord(publicKeysIn(db), consult, getPatient(db, patient.id), amendments, photos)
  if (check.integrity === 'mismatch') throw new Refusal(`its signature check failed: ${check.problem}`)
  insertConsultAsIs(db, consult, flagCounts(consult.screening))
  for (const amendment of amendments) insertAmendment(db, amendment)
  reindexConsult(db, consult.id)
  importConsents(db, patient.id, consents)
  return 'added'
}

/** Consents and withdrawals are added by id, to a consult already here or just added. */
function importConsents(db: WritableDB, patientId: string, consents: ImportItem['consents']): void {
  for (const { consent, withdrawal } of consents) {
    if (!getConsent(db, consent.id)) insertConsent(db, consent)
    if (withdrawal && !withdrawalFor(db, consent.id)) insertWithdrawal(db, withdrawal)
  }
  if (consents.length > 0) refreshPatientConsentState(db, patientId)
}

/**
 * Adds the consults (with patients, amendments, signers' public keys and consents) that this
 * database does not have yet. Every signature is checked first; a record that fails, or that
 * clashes with a different record of the same id, is refused and named, and the rest still
 * come in. Consents and withdrawals are added by id, to a consult already here or just added.
 */
export function importBatch(db: WritableDB, batch: z.output<typeof importBatchSchema>): ImportResult {
  let added = 0
  let skipped = 0
  const refused: RefusedImport[] = []
  db.transaction(() => {
    for (const item of batch.items) {
      try {
        // A savepoint per record: a refused record leaves nothing behind.
        const outcome = db.transaction(() => importItem(db, item))()
        if (outcome === 'added') added++
        else skipped++
      } catch (error) {
        if (!(error instanceof Refusal)) throw error
        refused.push({ consultId: item.consult.id, patientName: item.patient.fullName, reason: error.message })
      }
    }
    appendAudit(db, {
      action: 'imported',
      actor: 'Clinic',
      subject: 'consults',
      detail: `${added} added, ${skipped} already there, ${refused.length} refused`
    })
  }).immediate()
  return { added, skipped, refused }
}
