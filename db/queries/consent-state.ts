import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** Whether each consult misses a consent its plan needs, as `consult_consent_state` keeps it. */
const prepared = preparedStatements((db) => ({
  rowid: db.prepare<[consultId: string], number>('SELECT rowid FROM consults WHERE id = ?').pluck(),
  set: db.prepare<[consultRowid: number, missing: 0 | 1]>(
    'INSERT INTO consult_consent_state (consult_rowid, missing) VALUES (?, ?) ON CONFLICT (consult_rowid) DO UPDATE SET missing = excluded.missing'
  ),
  counts: db.prepare<[], { consults: number; checked: number }>(
    'SELECT (SELECT count(*) FROM consults) AS consults, (SELECT count(*) FROM consult_consent_state) AS checked'
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

/**
 * Consults with no consent state yet. A state row is only ever made for a consult, and
 * consults are never deleted, so equal counts (two quick index counts) mean there is none.
 */
export function consultsWithoutConsentState(db: ReadableDB): string[] {
  const counts = prepared(db).counts.get()
  if (counts && counts.consults === counts.checked) return []
  return prepared(db).unchecked.all()
}

export const consultIdsOfPatient = (db: ReadableDB, patientId: string): string[] =>
  prepared(db).ofPatient.all(patientId)
