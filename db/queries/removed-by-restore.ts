import type { RemovedRecord } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** A `removed_by_restore` row exactly as SQLite holds it; `record` is an exported consult as JSON. */
export type RemovedRow = Readonly<{
  id: string
  consult_id: string
  patient_name: string
  removed_at: string
  restored_backup: string
  record: string
}>

export const rowToRemoved = (row: RemovedRow): RemovedRecord => ({
  id: row.id,
  consultId: row.consult_id,
  patientName: row.patient_name,
  removedAt: row.removed_at,
  restoredBackup: row.restored_backup,
  record: JSON.parse(row.record) as RemovedRecord['record']
})

const prepared = preparedStatements((db) => ({
  insert: db.prepare<RemovedRow>(`
    INSERT INTO removed_by_restore (id, consult_id, patient_name, removed_at, restored_backup, record)
    VALUES (@id, @consult_id, @patient_name, @removed_at, @restored_backup, @record)`),
  all: db.prepare<[], RemovedRow>('SELECT * FROM removed_by_restore ORDER BY removed_at DESC, id'),
  has: db.prepare<[id: string]>('SELECT 1 FROM removed_by_restore WHERE id = ?')
}))

export const insertRemoved = (db: WritableDB, row: RemovedRow): void => void prepared(db).insert.run(row)

export const allRemovedRows = (db: ReadableDB): RemovedRow[] => prepared(db).all.all()

export const hasRemoved = (db: ReadableDB, id: string): boolean => prepared(db).has.get(id) !== undefined
