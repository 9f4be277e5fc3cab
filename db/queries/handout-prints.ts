import { randomUUID } from 'node:crypto'
import type { HandoutPrint, PaperSize } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

type HandoutPrintRow = Readonly<{
  id: string
  consult_id: string | null
  action: 'print' | 'pdf'
  paper: PaperSize
  printed_at: string
}>

const rowToPrint = (row: HandoutPrintRow): HandoutPrint => ({
  id: row.id,
  consultId: row.consult_id,
  action: row.action,
  paper: row.paper,
  printedAt: row.printed_at
})

const prepared = preparedStatements((db) => ({
  insert: db.prepare<HandoutPrintRow>(
    'INSERT INTO handout_prints (id, consult_id, action, paper, printed_at) VALUES (@id, @consult_id, @action, @paper, @printed_at)'
  ),
  forConsult: db.prepare<[consultId: string], HandoutPrintRow>(
    'SELECT * FROM handout_prints WHERE consult_id = ? ORDER BY printed_at'
  )
}))

export function insertHandoutPrint(
  db: WritableDB,
  consultId: string | null,
  action: 'print' | 'pdf',
  paper: PaperSize,
  now = new Date()
): HandoutPrint {
  const row: HandoutPrintRow = { id: randomUUID(), consult_id: consultId, action, paper, printed_at: now.toISOString() }
  prepared(db).insert.run(row)
  return rowToPrint(row)
}

export function printsForConsult(db: ReadableDB, consultId: string): HandoutPrint[] {
  return prepared(db).forConsult.all(consultId).map(rowToPrint)
}
