import type { WritableDB } from '../types'

export default function createSettingsAndHandouts(db: WritableDB): void {
  db.exec(`
    -- The clinic's details and handout defaults: one row, validated JSON.
    CREATE TABLE clinic_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      data TEXT NOT NULL CHECK (json_valid(data)),
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Every handout printed or saved as PDF, for a consult or as a general handout.
    CREATE TABLE handout_prints (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT REFERENCES consults (id) ON DELETE RESTRICT,
      action TEXT NOT NULL CHECK (action IN ('print', 'pdf')),
      paper TEXT NOT NULL CHECK (paper IN ('A4', 'Letter')),
      printed_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX handout_prints_by_consult ON handout_prints (consult_id, printed_at);
  `)
}
