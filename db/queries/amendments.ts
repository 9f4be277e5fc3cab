import { randomUUID } from 'node:crypto'
import type { Amendment } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

export type AmendmentRow = Readonly<{
  id: string
  consult_id: string
  author: string
  text: string
  created_at: string
}>

export const rowToAmendment = (row: AmendmentRow): Amendment => ({
  id: row.id,
  consultId: row.consult_id,
  author: row.author,
  text: row.text,
  createdAt: row.created_at
})

const prepared = preparedStatements((db) => ({
  insert: db.prepare(
    'INSERT INTO amendments (id, consult_id, author, text, created_at) VALUES (@id, @consult_id, @author, @text, @created_at)'
  ),
  forConsult: db.prepare('SELECT * FROM amendments WHERE consult_id = ? ORDER BY created_at, rowid')
}))

export function insertAmendment(db: WritableDB, consultId: string, author: string, text: string, now = new Date()): Amendment {
  const row: AmendmentRow = { id: randomUUID(), consult_id: consultId, author, text, created_at: now.toISOString() }
  prepared(db).insert.run(row)
  return rowToAmendment(row)
}

/** Stores an amendment exactly as given (for import). */
export function insertAmendmentAsIs(db: WritableDB, amendment: Amendment): void {
  prepared(db).insert.run({
    id: amendment.id,
    consult_id: amendment.consultId,
    author: amendment.author,
    text: amendment.text,
    created_at: amendment.createdAt
  })
}

export function amendmentsFor(db: ReadableDB, consultId: string): Amendment[] {
  return (prepared(db).forConsult.all(consultId) as AmendmentRow[]).map(rowToAmendment)
}
