import { createHash, type KeyObject } from 'node:crypto'
import {
  clinicalContent,
  type Amendment,
  type Consult,
  type Integrity,
  type Patient,
  type PhotoSummary,
  type PublicSigningKey
} from '../contract'
import { canonicalJson, verifySignedContent } from './consult-hash'
import { signatureHolds, signBytes } from './signing-keys'

const SCHEME = 'ed25519-v2'

type PatientIdentity = Pick<Patient, 'id' | 'fullName' | 'dateOfBirth'>

/** What an amendment's signature covers of each photo added with it: above all, the file's SHA-256. */
export type AmendmentPhotoRef = Pick<PhotoSummary, 'id' | 'sha256' | 'area' | 'side' | 'view' | 'takenAt'>

/** An amendment's photos, by amendment id. */
export type PhotosOfAmendment = (amendmentId: string) => readonly AmendmentPhotoRef[]

/** Finds each amendment's photos among a consult's photos. */
export const photosByAmendment =
  (photos: readonly (AmendmentPhotoRef & Pick<PhotoSummary, 'amendmentId'>)[]): PhotosOfAmendment =>
  (amendmentId) =>
    photos.filter((p) => p.amendmentId === amendmentId)

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** The exact text a consult's signature covers: the patient's identity, the content, the signer, the time. */
export function consultPayload(
  consult: Consult,
  patient: PatientIdentity,
  signedAt: string,
  signedBy: string,
  keyId: string
): string {
  return canonicalJson({
    scheme: SCHEME,
    id: consult.id,
    patient: { id: patient.id, fullName: patient.fullName, dateOfBirth: patient.dateOfBirth },
    ...clinicalContent(consult),
    ...(consult.overrideReason ? { overrideReason: consult.overrideReason } : {}),
    signedAt,
    signedBy,
    keyId
  })
}

/**
 * The text an amendment's signature covers, chained to what came before it (`previous`), with
 * the photos added with it (none for an amendment of text alone, whose text is as before photos).
 */
function amendmentPayload(
  amendment: Omit<Amendment, 'signature'>,
  previous: string,
  photos: readonly AmendmentPhotoRef[]
): string {
  const photoList = photos
    .map(({ id, sha256, area, side, view, takenAt }) => ({ id, sha256, area, side, view, takenAt }))
    .sort((a, b) => a.id.localeCompare(b.id))
  return canonicalJson({
    scheme: SCHEME,
    id: amendment.id,
    consultId: amendment.consultId,
    author: amendment.author,
    text: amendment.text,
    createdAt: amendment.createdAt,
    keyId: amendment.signingKeyId,
    previous,
    ...(photoList.length > 0 ? { photos: photoList } : {})
  })
}

/** What the next amendment is chained to: the last signature on the record (or, for the earlier method, its hash). */
export function chainLink(consult: Consult, amendments: readonly Amendment[]): string {
  const last = amendments.at(-1)
  if (!last) return consult.signature ?? consult.contentHash ?? ''
  return last.signature ?? sha256(canonicalJson(last))
}

export interface ConsultSignature {
  readonly contentHash: string
  readonly signature: string
}

export function signConsultRecord(
  consult: Consult,
  patient: PatientIdentity,
  signedAt: string,
  signedBy: string,
  keyId: string,
  key: KeyObject
): ConsultSignature {
  const payload = consultPayload(consult, patient, signedAt, signedBy, keyId)
  return { contentHash: sha256(payload), signature: signBytes(key, payload) }
}

export const signAmendment = (
  amendment: Omit<Amendment, 'signature'>,
  previous: string,
  key: KeyObject,
  photos: readonly AmendmentPhotoRef[] = []
): string => signBytes(key, amendmentPayload(amendment, previous, photos))

export interface RecordCheck {
  readonly integrity: Integrity
  /** Why the check failed, in words, or null. */
  readonly problem: string | null
}

/**
 * Checks a signed consult and its amendments (with the photos added by each) with nothing but
 * public keys. A consult signed
 * before signing keys existed is checked with its content hash and reported as such.
 */
export function checkRecord(
  keyOf: (id: string) => PublicSigningKey | undefined,
  consult: Consult,
  patient: PatientIdentity | undefined,
  amendments: readonly Amendment[],
  photosOf: PhotosOfAmendment = () => []
): RecordCheck {
  if (consult.status !== 'signed' || !consult.signedAt || !consult.signedBy)
    return { integrity: 'unsigned', problem: null }
  const failed = (problem: string): RecordCheck => ({ integrity: 'mismatch', problem })
  const earlier = consult.signature === null
  if (earlier) {
    if (verifySignedContent(consult) !== 'ok')
      return failed('the consult does not match the hash taken when it was signed')
  } else {
    const key = consult.signingKeyId ? keyOf(consult.signingKeyId) : undefined
    if (!key) return failed('the key that signed the consult is not known here')
    if (!patient) return failed('the consult’s patient is missing')
    const payload = consultPayload(consult, patient, consult.signedAt, consult.signedBy, key.id)
    if (sha256(payload) !== consult.contentHash || !signatureHolds(key.publicKey, payload, consult.signature!)) {
      return failed('the consult, its patient or its signer differ from what was signed')
    }
  }
  for (const [index, amendment] of amendments.entries()) {
    const previous = chainLink(consult, amendments.slice(0, index))
    if (amendment.signature === null) {
      // Amendments made before signing keys carry no signature; a newer record never does that.
      if (!earlier) return failed(`amendment ${index + 1} is not signed`)
      continue
    }
    const key = amendment.signingKeyId ? keyOf(amendment.signingKeyId) : undefined
    if (
      !key ||
      !signatureHolds(key.publicKey, amendmentPayload(amendment, previous, photosOf(amendment.id)), amendment.signature)
    ) {
      return failed(`amendment ${index + 1} differs from what was signed, or is out of order`)
    }
  }
  return { integrity: earlier ? 'earlier-method' : 'ok', problem: null }
}
