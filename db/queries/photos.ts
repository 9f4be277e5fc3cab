import type { PhotoSummary, PhotoView } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** A photo's index row; the bytes are in the photo folder, named by `sha256`. */
export interface PhotoRow {
  readonly id: string
  readonly consult_id: string
  readonly patient_id: string
  readonly area: string
  readonly side: 'left' | 'right' | null
  readonly view: PhotoView
  readonly sha256: string
  readonly bytes: number
  readonly width: number
  readonly height: number
  readonly taken_at: string
  readonly imported_at: string
  readonly thumb: Buffer
  /** The amendment a photo of a signed consult was added with; null for the consult's own photos. */
  readonly amendment_id: string | null
}

export const rowToPhoto = (row: PhotoRow): PhotoSummary => ({
  id: row.id,
  consultId: row.consult_id,
  patientId: row.patient_id,
  area: row.area,
  side: row.side,
  view: row.view,
  sha256: row.sha256,
  bytes: row.bytes,
  width: row.width,
  height: row.height,
  takenAt: row.taken_at,
  importedAt: row.imported_at,
  thumb: `data:image/jpeg;base64,${row.thumb.toString('base64')}`,
  amendmentId: row.amendment_id
})

const prepared = preparedStatements((db) => ({
  insert: db.prepare<PhotoRow>(`
    INSERT INTO photos (id, consult_id, patient_id, area, side, view, sha256, bytes, width, height, taken_at, imported_at, thumb, amendment_id)
    VALUES (@id, @consult_id, @patient_id, @area, @side, @view, @sha256, @bytes, @width, @height, @taken_at, @imported_at, @thumb, @amendment_id)`),
  byId: db.prepare<[id: string], PhotoRow>('SELECT * FROM photos WHERE id = ?'),
  inConsult: db.prepare<[consultId: string, sha256: string]>(
    'SELECT 1 FROM photos WHERE consult_id = ? AND sha256 = ?'
  ),
  forConsult: db.prepare<[consultId: string], PhotoRow>(
    'SELECT * FROM photos WHERE consult_id = ? ORDER BY taken_at, rowid'
  ),
  forPatient: db.prepare<[patientId: string], PhotoRow>(
    'SELECT * FROM photos WHERE patient_id = ? ORDER BY taken_at DESC, rowid DESC'
  ),
  remove: db.prepare<[id: string]>('DELETE FROM photos WHERE id = ?'),
  hashInUse: db.prepare<[sha256: string]>('SELECT 1 FROM photos WHERE sha256 = ? LIMIT 1'),
  allHashes: db.prepare<[], string>('SELECT DISTINCT sha256 FROM photos').pluck(),
  fileSizes: db.prepare<[], PhotoFileSize>('SELECT sha256, max(bytes) AS bytes FROM photos GROUP BY sha256'),
  pick: db.prepare<[photoId: string, pickedAt: string]>(
    'INSERT INTO photo_handout_picks (photo_id, picked_at) VALUES (?, ?) ON CONFLICT DO NOTHING'
  ),
  unpick: db.prepare<[photoId: string]>('DELETE FROM photo_handout_picks WHERE photo_id = ?'),
  picksOfConsult: db
    .prepare<[consultId: string], string>(
      'SELECT k.photo_id FROM photo_handout_picks k JOIN photos p ON p.id = k.photo_id WHERE p.consult_id = ?'
    )
    .pluck(),
  pickedOfConsult: db.prepare<[consultId: string], PhotoRow>(`
    SELECT p.* FROM photos p JOIN photo_handout_picks k ON k.photo_id = p.id
    WHERE p.consult_id = ? ORDER BY p.taken_at, p.rowid`)
}))

export function insertPhoto(db: WritableDB, row: PhotoRow): void {
  prepared(db).insert.run(row)
}

export const getPhotoRow = (db: ReadableDB, id: string): PhotoRow | undefined => prepared(db).byId.get(id)

export const photoInConsult = (db: ReadableDB, consultId: string, sha256: string): boolean =>
  prepared(db).inConsult.get(consultId, sha256) !== undefined

/** A consult's photos, oldest first. */
export const photosOfConsult = (db: ReadableDB, consultId: string): PhotoSummary[] =>
  prepared(db).forConsult.all(consultId).map(rowToPhoto)

/** A patient's photos, newest first. */
export const photosOfPatient = (db: ReadableDB, patientId: string): PhotoSummary[] =>
  prepared(db).forPatient.all(patientId).map(rowToPhoto)

export function deletePhotoRow(db: WritableDB, id: string): void {
  prepared(db).remove.run(id)
}

export const hashInUse = (db: ReadableDB, sha256: string): boolean => prepared(db).hashInUse.get(sha256) !== undefined

/** Every photo file the database refers to. */
export const photoHashes = (db: ReadableDB): string[] => prepared(db).allHashes.all()

/** A photo file the database refers to, by its hash, and its size in bytes. */
export type PhotoFileSize = Pick<PhotoRow, 'sha256' | 'bytes'>

/** Every photo file the database refers to, with its size. */
export const photoFileSizes = (db: ReadableDB): PhotoFileSize[] => prepared(db).fileSizes.all()

/** Shows a photo on its consult's handout (`picked`), or stops showing it. */
export function setHandoutPick(db: WritableDB, photoId: string, picked: boolean, now: string): void {
  if (picked) prepared(db).pick.run(photoId, now)
  else prepared(db).unpick.run(photoId)
}

/** The ids of a consult's photos picked for its handout. */
export const handoutPicksOfConsult = (db: ReadableDB, consultId: string): string[] =>
  prepared(db).picksOfConsult.all(consultId)

/** A consult's photos picked for its handout, oldest first. */
export const handoutPhotosOfConsult = (db: ReadableDB, consultId: string): PhotoSummary[] =>
  prepared(db).pickedOfConsult.all(consultId).map(rowToPhoto)
