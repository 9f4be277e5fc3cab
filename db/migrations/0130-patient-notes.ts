import type { WritableDB } from '../types'

export default function addPatientNotes(db: WritableDB): void {
  db.exec(`
    -- Free-text notes about the patient, editable with their other details.
    ALTER TABLE patients ADD COLUMN notes TEXT;

    -- The Patients list pages through names in this order; the index serves it without sorting.
    CREATE INDEX patients_by_name_then_added ON patients (full_name COLLATE NOCASE, created_at);
    DROP INDEX patients_by_name;
  `)
}
