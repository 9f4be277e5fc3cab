import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { amendmentsFor } from '../../db/queries/amendments'
import { appendAudit } from '../../db/queries/audit-log'
import { getConsult } from '../../db/queries/consults'
import { getPatient } from '../../db/queries/patients'
import {
  deletePhotoRow,
  getPhotoRow,
  handoutPicksOfConsult,
  hashInUse,
  insertPhoto,
  photoInConsult,
  photosOfConsult,
  photosOfPatient,
  rowToPhoto,
  setHandoutPick
} from '../../db/queries/photos'
import type { WritableDB } from '../../db/types'
import {
  ServiceError,
  type amendmentPhotoSchema,
  type Consult,
  type ExportedPhoto,
  type importPhotoSchema,
  type PhotoImage,
  type PhotoSummary
} from '../contract'
import { photosForClinicalRecordAllowed } from './consents'
import type { AmendmentPhotoDraft } from './consults'
import { readPhotoFile, removePhotoFile, sha256, writePhotoFile } from './photo-files'
import { checkStoredImage, prepareImage, type PreparedImage } from './photo-image'
import { checkRecord } from './record-signature'
import { publicKeysIn } from './signing-keys'

export type ImportPhotoInput = Omit<z.output<typeof importPhotoSchema>, 'uploadId'>

/** Why photos can't be kept yet, and how to change that. */
export const NO_PHOTO_CONSENT =
  'Photos can be kept only once the patient’s photography consent, with “yes” to keeping photos in their clinical record, is on file. ' +
  'Tick “Photos will be taken” on the Plan & notes step, then sign the photography consent with the patient from Review & sign.'

/** How the audit log names a photo: place, view, when taken, and its consult. */
export const photoSubject = (photo: {
  area: string
  side: string | null
  view: string
  taken_at: string
  consult_id: string
}) =>
  `${photo.area}${photo.side ? ` (${photo.side})` : ''}, ${photo.view}, taken ${photo.taken_at.slice(0, 16)}, consult ${photo.consult_id}`

const actorOf = (consult: Consult) => consult.practitioner.trim() || 'Clinic'

function requireConsult(db: WritableDB, id: string): Consult {
  const consult = getConsult(db, id)
  if (!consult) throw new ServiceError('not_found', 'That consult could not be found.')
  return consult
}

const signedRefusal = () =>
  new ServiceError(
    'conflict',
    'This consult is signed, so its photos are part of the record. Add new photos with an amendment, or to a later consult.'
  )

/** Refuses before any work when the consult is signed or the patient has no photography consent for the record. */
export function checkPhotosAllowed(db: WritableDB, consultId: string): Consult {
  const consult = requireConsult(db, consultId)
  if (consult.status === 'signed') throw signedRefusal()
  if (!photosForClinicalRecordAllowed(db, consult.patientId)) throw new ServiceError('forbidden', NO_PHOTO_CONSENT)
  return consult
}

/**
 * A new photo's index fields: a fresh id, where, how and when it was taken (by the photo's own
 * EXIF if it says, else the time given: the file's date or the moment of capture), its file's
 * hash, size and thumbnail.
 */
const newPhotoFields = (
  image: PreparedImage,
  hash: string,
  input: Pick<ImportPhotoInput, 'area' | 'side' | 'view' | 'takenAt'>
): AmendmentPhotoDraft => ({
  id: randomUUID(),
  area: input.area,
  side: input.side,
  view: input.view,
  sha256: hash,
  bytes: image.jpeg.length,
  width: image.width,
  height: image.height,
  taken_at: image.takenAt ?? new Date(input.takenAt).toISOString(),
  thumb: image.thumb
})

/**
 * Stores a photo for a consult: re-encoded without metadata, written to the photo folder
 * under its SHA-256, indexed with a thumbnail. The same picture twice in a consult is refused.
 */
export async function importPhoto(
  db: WritableDB,
  dir: string,
  bytes: Buffer,
  input: ImportPhotoInput,
  now = new Date()
): Promise<PhotoSummary> {
  checkPhotosAllowed(db, input.consultId)
  const image = await prepareImage(bytes)
  const hash = sha256(image.jpeg)
  return db
    .transaction(() => {
      const consult = checkPhotosAllowed(db, input.consultId)
      if (photoInConsult(db, consult.id, hash))
        throw new ServiceError('conflict', 'This photo is already in this consult.')
      writePhotoFile(dir, hash, image.jpeg)
      const row = {
        ...newPhotoFields(image, hash, input),
        consult_id: consult.id,
        patient_id: consult.patientId,
        imported_at: now.toISOString(),
        amendment_id: null
      }
      insertPhoto(db, row)
      appendAudit(db, { action: 'added-photo', actor: actorOf(consult), subject: photoSubject(row), detail: hash }, now)
      return rowToPhoto(row)
    })
    .immediate()
}

export type AmendmentPhotoInput = Omit<z.output<typeof amendmentPhotoSchema>, 'uploadId'> & { readonly bytes: Buffer }

/**
 * Readies photos to be added to a signed consult with an amendment: the patient's photography
 * consent is checked, each is re-encoded without metadata and its file stored under its
 * SHA-256; the rows are written with the amendment, under its signature.
 */
export async function prepareAmendmentPhotos(
  db: WritableDB,
  dir: string,
  consultId: string,
  inputs: readonly AmendmentPhotoInput[]
): Promise<AmendmentPhotoDraft[]> {
  if (inputs.length === 0) return []
  const consult = requireConsult(db, consultId)
  if (!photosForClinicalRecordAllowed(db, consult.patientId)) throw new ServiceError('forbidden', NO_PHOTO_CONSENT)
  const drafts: AmendmentPhotoDraft[] = []
  for (const { bytes, ...input } of inputs) {
    const image = await prepareImage(bytes)
    const hash = sha256(image.jpeg)
    if (photoInConsult(db, consultId, hash) || drafts.some((d) => d.sha256 === hash))
      throw new ServiceError('conflict', 'One of these photos is already in this consult.')
    drafts.push(newPhotoFields(image, hash, input))
    writePhotoFile(dir, hash, image.jpeg)
  }
  return drafts
}

const notImported = (why: string) =>
  new ServiceError('invalid_input', `A photo in the export ${why}, so it was not imported.`)

/**
 * Why a photo may not join a signed consult, or null when it may: its consult's signatures,
 * checked with the export's list of that consult's photos, must hold and cover this very
 * photo (its SHA-256, place, view and time), as one of the consult's own or of an amendment.
 */
function notSignedWith(db: WritableDB, consult: Consult, photo: ExportedPhoto, listed: readonly ExportedPhoto[]) {
  if (listed.some((p) => p.consultId !== consult.id)) return 'comes with a list of photos of another consult'
  const amendments = amendmentsFor(db, consult.id)
  const check = checkRecord(publicKeysIn(db), consult, getPatient(db, consult.patientId), amendments, listed)
  if (check.integrity === 'mismatch')
    return `comes with a list of photos that its consult’s signatures do not hold for (${check.problem})`
  const signed = listed.find((p) => p.id === photo.id)
  const same =
    signed !== undefined &&
    (['sha256', 'area', 'side', 'view', 'takenAt', 'amendmentId'] as const).every((key) => signed[key] === photo[key])
  if (!same) return 'is not one its signed consult, or an amendment of it, was signed with'
  const amendment = amendments.find((a) => a.id === photo.amendmentId)
  const importedAt = Date.parse(photo.importedAt)
  if (amendment ? importedAt !== Date.parse(amendment.createdAt) : importedAt >= Date.parse(consult.signedAt!))
    return 'says it was added at another time than its signed consult allows'
  return null
}

/**
 * Adds a photo from an export as it was (same id, hash and times) unless it is here already.
 * The file must match its hash and carry no metadata; its consult must be here (imported
 * first). A draft takes it once the patient's photography consent is on file; a signed consult
 * only if its signatures cover it (see `notSignedWith`). Each photo added is in the audit log.
 */
export async function restorePhoto(
  db: WritableDB,
  dir: string,
  bytes: Buffer,
  photo: ExportedPhoto,
  consultPhotos: readonly ExportedPhoto[],
  now = new Date()
): Promise<boolean> {
  if (getPhotoRow(db, photo.id)) return false
  if (sha256(bytes) !== photo.sha256) throw notImported('does not match its SHA-256')
  const image = await checkStoredImage(bytes)
  return db
    .transaction(() => {
      if (getPhotoRow(db, photo.id)) return false
      const consult = requireConsult(db, photo.consultId)
      if (consult.patientId !== photo.patientId) throw notImported('belongs to another patient than its consult')
      if (consult.status === 'signed') {
        const problem = notSignedWith(db, consult, photo, consultPhotos)
        if (problem) throw notImported(problem)
      } else {
        if (photo.amendmentId !== null) throw notImported('belongs to an amendment, yet its consult is not signed')
        if (!photosForClinicalRecordAllowed(db, consult.patientId))
          throw new ServiceError('forbidden', NO_PHOTO_CONSENT)
      }
      writePhotoFile(dir, photo.sha256, bytes)
      const row = {
        id: photo.id,
        consult_id: photo.consultId,
        patient_id: photo.patientId,
        area: photo.area,
        side: photo.side,
        view: photo.view,
        sha256: photo.sha256,
        bytes: bytes.length,
        width: image.width,
        height: image.height,
        taken_at: photo.takenAt,
        imported_at: new Date(photo.importedAt).toISOString(),
        thumb: image.thumb,
        amendment_id: photo.amendmentId
      }
      insertPhoto(db, row)
      appendAudit(
        db,
        {
          action: 'imported-photo',
          actor: 'Clinic',
          subject: photoSubject(row),
          detail: `${photo.sha256}${photo.amendmentId ? `, amendment ${photo.amendmentId}` : ''}, from an export`
        },
        now
      )
      return true
    })
    .immediate()
}

export function consultPhotos(db: WritableDB, consultId: string): PhotoSummary[] {
  requireConsult(db, consultId)
  return photosOfConsult(db, consultId)
}

export function patientPhotos(db: WritableDB, patientId: string): PhotoSummary[] {
  if (!getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  return photosOfPatient(db, patientId)
}

function requirePhoto(db: WritableDB, id: string) {
  const row = getPhotoRow(db, id)
  if (!row) throw new ServiceError('not_found', 'That photo could not be found.')
  return row
}

/** The photo's bytes, checked against the hash it is named by. */
export function getPhoto(db: WritableDB, dir: string, id: string): PhotoImage {
  const photo = rowToPhoto(requirePhoto(db, id))
  const file = readPhotoFile(dir, photo.sha256)
  if (!file) return { photo, src: null, integrity: 'missing' }
  return { photo, src: `data:image/jpeg;base64,${file.bytes.toString('base64')}`, integrity: file.integrity }
}

/** Shows a photo on its consult's handout, or stops showing it; the audit log records either. */
export function pickForHandout(db: WritableDB, id: string, picked: boolean, now = new Date()): null {
  const row = requirePhoto(db, id)
  const consult = requireConsult(db, row.consult_id)
  db.transaction(() => {
    setHandoutPick(db, id, picked, now.toISOString())
    appendAudit(
      db,
      {
        action: picked ? 'picked-photo' : 'unpicked-photo',
        actor: actorOf(consult),
        subject: photoSubject(row),
        detail: 'handout'
      },
      now
    )
  }).immediate()
  return null
}

/** The ids of a consult's photos picked for its handout. */
export function handoutPicks(db: WritableDB, consultId: string): string[] {
  requireConsult(db, consultId)
  return handoutPicksOfConsult(db, consultId)
}

/** Removes a photo of an unsigned consult, and its file when no other consult shows it. */
export function removePhoto(db: WritableDB, dir: string, id: string): null {
  const row = requirePhoto(db, id)
  const consult = requireConsult(db, row.consult_id)
  if (consult.status === 'signed') throw signedRefusal()
  db.transaction(() => {
    deletePhotoRow(db, id)
    appendAudit(db, {
      action: 'removed-photo',
      actor: actorOf(consult),
      subject: photoSubject(row),
      detail: row.sha256
    })
  }).immediate()
  if (!hashInUse(db, row.sha256)) removePhotoFile(dir, row.sha256)
  return null
}
