import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** Whether each consult misses a consent its plan needs, as `consult_consent_state` keeps it. */
const prepared = preparedStatements((db) => ({
  rowid: db.prepare<[consultId: string], number>('SELECT rowid FROM consults WHERE id = ?').pluck(),
  set: db.prepare<[consultRowid: number, missing: 0 | 1]>(
    'INSERT INTO consult_consent_state (consult_rowid, missing) VALUES (?, ?) ON CONFLICT (consult_rowid) DO UPDATE SET missing = excluded.missing'
  ),
  unchecked: db
    .prepare<[], string>('SELECT id FROM consults WHERE rowid NOT IN (SELECT consult_rowid FROM consult_consent_state)')
    .pluck(),
  ofPatient: db.prepare<[patientId: string], string>('SELECT id FROM consults WHERE patient_id = ?').pluck()
}))

/** Records whether a consult misses a consent its plan needs. */
export function setConsentMissing(db: WritableDB, consultId: string, missing: boolean): void {
  const rowid = prepared(db).rowid.get(consultId)
  if (rowid !== undefined) prepared(db).set.run(rowid, missing ? 1 : 0)
}

export const consultsWithoutConsentState = (db: ReadableDB): string[] => prepared(db).unchecked.all()

export const consultIdsOfPatient = (db: ReadableDB, patientId: string): string[] =>
  prepared(db).ofPatient.all(patientId)
