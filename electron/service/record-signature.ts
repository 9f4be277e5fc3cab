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

/** What a signature covers of each photo: above all, the file's SHA-256, and where, how and when it was taken. */
export type SignedPhotoRef = Pick<PhotoSummary, 'id' | 'sha256' | 'area' | 'side' | 'view' | 'takenAt'>

/** A photo of a consult as the record check sees it: what is signed of it, and whose it is (the consult's own, or an amendment's). */
export type RecordPhoto = SignedPhotoRef & Pick<PhotoSummary, 'amendmentId'>

/** The signed form of a list of photos: only the signed fields, in one order. */
const photoList = (photos: readonly SignedPhotoRef[]) =>
  photos
    .map(({ id, sha256, area, side, view, takenAt }) => ({ id, sha256, area, side, view, takenAt }))
    .sort((a, b) => a.id.localeCompare(b.id))

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/**
 * The exact text a consult's signature covers: the patient's identity, the content, the signer,
 * the time, and the consult's own photos (not an amendment's). A consult without photos is
 * signed as before photos were covered, so every consult signed earlier still checks.
 */
export function consultPayload(
  consult: Consult,
  patient: PatientIdentity,
  signedAt: string,
  signedBy: string,
  keyId: string,
  photos: readonly SignedPhotoRef[]
): string {
  const photoRefs = photoList(photos)
  return canonicalJson({
    scheme: SCHEME,
    id: consult.id,
    patient: { id: patient.id, fullName: patient.fullName, dateOfBirth: patient.dateOfBirth },
    ...clinicalContent(consult),
    ...(consult.overrideReason ? { overrideReason: consult.overrideReason } : {}),
    signedAt,
    signedBy,
    keyId,
    ...(photoRefs.length > 0 ? { photos: photoRefs } : {})
  })
}

/**
 * The text an amendment's signature covers, chained to what came before it (`previous`), with
 * the photos added with it (none for an amendment of text alone, whose text is as before photos).
 */
function amendmentPayload(
  amendment: Omit<Amendment, 'signature'>,
  previous: string,
  photos: readonly SignedPhotoRef[]
): string {
  const photoRefs = photoList(photos)
  return canonicalJson({
    scheme: SCHEME,
    id: amendment.id,
    consultId: amendment.consultId,
    author: amendment.author,
    text: amendment.text,
    createdAt: amendment.createdAt,
    keyId: amendment.signingKeyId,
    previous,
    ...(photoRefs.length > 0 ? { photos: photoRefs } : {})
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

/** Signs a consult with its own photos (those of its draft, all of them covered by their SHA-256). */
export function signConsultRecord(
  consult: Consult,
  patient: PatientIdentity,
  signedAt: string,
  signedBy: string,
  keyId: string,
  key: KeyObject,
  photos: readonly SignedPhotoRef[]
): ConsultSignature {
  const payload = consultPayload(consult, patient, signedAt, signedBy, keyId, photos)
  return { contentHash: sha256(payload), signature: signBytes(key, payload) }
}

export const signAmendment = (
  amendment: Omit<Amendment, 'signature'>,
  previous: string,
  key: KeyObject,
  photos: readonly SignedPhotoRef[] = []
): string => signBytes(key, amendmentPayload(amendment, previous, photos))

export interface RecordCheck {
  readonly integrity: Integrity
  /** Why the check failed, in words, or null. */
  readonly problem: string | null
}

/**
 * Checks a signed consult and its amendments, with the photos of each (`photos`: all the
 * consult's photos, as stored or as an export lists them), with nothing but public keys. A
 * photo no signature covers is a mismatch too. A consult signed before signing keys existed
 * is checked with its content hash and reported as such.
 */
export function checkRecord(
  keyOf: (id: string) => PublicSigningKey | undefined,
  consult: Consult,
  patient: PatientIdentity | undefined,
  amendments: readonly Amendment[],
  photos: readonly RecordPhoto[]
): RecordCheck {
  if (consult.status !== 'signed' || !consult.signedAt || !consult.signedBy)
    return { integrity: 'unsigned', problem: null }
  const failed = (problem: string): RecordCheck => ({ integrity: 'mismatch', problem })
  const photosOf = (amendmentId: string | null) => photos.filter((p) => p.amendmentId === amendmentId)
  const amendmentIds = new Set(amendments.map((a) => a.id))
  if (photos.some((p) => p.amendmentId !== null && !amendmentIds.has(p.amendmentId)))
    return failed('a photo belongs to an amendment this record does not have')
  const earlier = consult.signature === null
  if (earlier) {
    if (verifySignedContent(consult) !== 'ok')
      return failed('the consult does not match the hash taken when it was signed')
    // The earlier method came before photos, so nothing of it covers one.
    if (photosOf(null).length > 0) return failed('the consult has photos that its signature does not cover')
  } else {
    const key = consult.signingKeyId ? keyOf(consult.signingKeyId) : undefined
    if (!key) return failed('the key that signed the consult is not known here')
    if (!patient) return failed('the consult’s patient is missing')
    const payload = consultPayload(consult, patient, consult.signedAt, consult.signedBy, key.id, photosOf(null))
    if (sha256(payload) !== consult.contentHash || !signatureHolds(key.publicKey, payload, consult.signature!)) {
      return failed('the consult, its patient, its signer or its photos differ from what was signed')
    }
  }
  for (const [index, amendment] of amendments.entries()) {
    const previous = chainLink(consult, amendments.slice(0, index))
    if (amendment.signature === null) {
      // Amendments made before signing keys carry no signature (nor photos); a newer record never does that.
      if (!earlier || photosOf(amendment.id).length > 0) return failed(`amendment ${index + 1} is not signed`)
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
