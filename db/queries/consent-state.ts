import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/**
 * Whether each consult misses a consent its plan needs, as `consult_consent_state` keeps it,
 * with the consult's place in the newest-first list (date, status, flags) so the consults
 * missing one are walked in that order (migration 0170).
 */
const prepared = preparedStatements((db) => ({
  // Rewritten only when something in it changed: most saves leave the row's pages alone.
  set: db.prepare<[missing: 0 | 1, consultId: string]>(`
    INSERT INTO consult_consent_state (consult_rowid, missing, consulted_at, status, flag_count)
      SELECT rowid, ?, consulted_at, status, flag_count FROM consults WHERE id = ?
    ON CONFLICT (consult_rowid) DO UPDATE SET missing = excluded.missing, consulted_at = excluded.consulted_at,
      status = excluded.status, flag_count = excluded.flag_count
    WHERE missing <> excluded.missing OR consulted_at <> excluded.consulted_at OR status <> excluded.status
      OR flag_count <> excluded.flag_count`),
  ofPatient: db.prepare<[patientId: string], string>('SELECT id FROM consults WHERE patient_id = ?').pluck()
}))

/** Records whether a consult misses a consent its plan needs. */
export function setConsentMissing(db: WritableDB, consultId: string, missing: boolean): void {
  prepared(db).set.run(missing ? 1 : 0, consultId)
}

export const consultIdsOfPatient = (db: ReadableDB, patientId: string): string[] =>
  prepared(db).ofPatient.all(patientId)
