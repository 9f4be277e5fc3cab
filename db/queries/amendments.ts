import type { Amendment } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

export type AmendmentRow = Readonly<{
  id: string
  consult_id: string
  author: string
  text: string
  created_at: string
  signature: string | null
  signing_key_id: string | null
}>

export const rowToAmendment = (row: AmendmentRow): Amendment => ({
  id: row.id,
  consultId: row.consult_id,
  author: row.author,
  text: row.text,
  createdAt: row.created_at,
  signature: row.signature,
  signingKeyId: row.signing_key_id
})

/** An amendment's id and the consult it belongs to. */
export type AmendmentId = Pick<AmendmentRow, 'id' | 'consult_id'>

const prepared = preparedStatements((db) => ({
  insert: db.prepare<AmendmentRow>(`
    INSERT INTO amendments (id, consult_id, author, text, created_at, signature, signing_key_id)
    VALUES (@id, @consult_id, @author, @text, @created_at, @signature, @signing_key_id)`),
  byId: db.prepare<[id: string], AmendmentRow>('SELECT * FROM amendments WHERE id = ?'),
  ids: db.prepare<[], AmendmentId>('SELECT id, consult_id FROM amendments'),
  forConsult: db.prepare<[consultId: string], AmendmentRow>(
    'SELECT * FROM amendments WHERE consult_id = ? ORDER BY rowid'
  )
}))

/** Stores an amendment exactly as given (signed by the service, or imported). */
export function insertAmendment(db: WritableDB, amendment: Amendment): void {
  prepared(db).insert.run({
    id: amendment.id,
    consult_id: amendment.consultId,
    author: amendment.author,
    text: amendment.text,
    created_at: amendment.createdAt,
    signature: amendment.signature,
    signing_key_id: amendment.signingKeyId
  })
}

export function getAmendment(db: ReadableDB, id: string): Amendment | undefined {
  const row = prepared(db).byId.get(id)
  return row && rowToAmendment(row)
}

export function amendmentsFor(db: ReadableDB, consultId: string): Amendment[] {
  return prepared(db).forConsult.all(consultId).map(rowToAmendment)
}

/** Every amendment's id and consult, to compare two databases. */
export const amendmentIds = (db: ReadableDB): AmendmentId[] => prepared(db).ids.all()
