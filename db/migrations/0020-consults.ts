import type { WritableDB } from '../types'

export default function createConsults(db: WritableDB): void {
  db.exec(`
    CREATE TABLE consults (
      id TEXT PRIMARY KEY NOT NULL,
      patient_id TEXT NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
      status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
      practitioner TEXT NOT NULL,
      consulted_at TEXT NOT NULL,
      areas TEXT NOT NULL CHECK (json_valid(areas)),
      no_areas_note TEXT NOT NULL,
      screening TEXT NOT NULL CHECK (json_valid(screening)),
      plan TEXT NOT NULL CHECK (json_valid(plan)),
      notes TEXT NOT NULL,
      guide_shown TEXT NOT NULL CHECK (json_valid(guide_shown)),
      flag_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      signed_at TEXT,
      signed_by TEXT,
      content_hash TEXT,
      CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL AND content_hash IS NOT NULL))
    ) STRICT;

    CREATE INDEX consults_by_patient ON consults (patient_id, consulted_at DESC);
    CREATE INDEX consults_by_date ON consults (consulted_at DESC);

    CREATE TABLE amendments (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT NOT NULL REFERENCES consults (id) ON DELETE RESTRICT,
      author TEXT NOT NULL CHECK (length(trim(author)) > 0),
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX amendments_by_consult ON amendments (consult_id, created_at);

    -- A signed consult is a record: the database itself refuses to change or delete it.
    CREATE TRIGGER signed_consults_are_read_only BEFORE UPDATE ON consults
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be changed; add an amendment'); END;
    CREATE TRIGGER signed_consults_are_kept BEFORE DELETE ON consults
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be deleted'); END;

    -- Amendments are appended to signed consults only, and never edited or removed.
    CREATE TRIGGER amendments_follow_signing BEFORE INSERT ON amendments
      WHEN (SELECT status FROM consults WHERE id = NEW.consult_id) IS NOT 'signed'
      BEGIN SELECT RAISE(ABORT, 'only a signed consult takes amendments'); END;
    CREATE TRIGGER amendments_are_read_only BEFORE UPDATE ON amendments
      BEGIN SELECT RAISE(ABORT, 'an amendment cannot be changed'); END;
    CREATE TRIGGER amendments_are_kept BEFORE DELETE ON amendments
      BEGIN SELECT RAISE(ABORT, 'an amendment cannot be deleted'); END;
  `)
}
