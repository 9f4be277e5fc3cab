import type { WritableDB } from '../types'

export default function createPatients(db: WritableDB): void {
  db.exec(`
    CREATE TABLE patients (
      id TEXT PRIMARY KEY NOT NULL,
      full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
      date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
      phone TEXT,
      email TEXT,
      fitzpatrick INTEGER CHECK (fitzpatrick IS NULL OR fitzpatrick BETWEEN 1 AND 6),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX patients_by_name ON patients (full_name COLLATE NOCASE);
  `)
}
