import type { WritableDB } from '../types'

export default function createConsents(db: WritableDB): void {
  db.exec(`
    -- A signed consent keeps the form's text exactly as the patient saw it, its SHA-256,
    -- the patient's choices and signature, and the countersigning practitioner. record_hash
    -- covers every other column, so a change made outside the app shows when it is opened.
    CREATE TABLE consents (
      id TEXT PRIMARY KEY NOT NULL,
      patient_id TEXT NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
      consult_id TEXT NOT NULL REFERENCES consults (id) ON DELETE RESTRICT,
      form_id TEXT NOT NULL,
      form_version INTEGER NOT NULL CHECK (form_version >= 1),
      form_effective TEXT NOT NULL,
      title TEXT NOT NULL,
      scope TEXT NOT NULL CHECK (scope IN ('consult', 'patient')),
      text TEXT NOT NULL CHECK (length(text) > 0),
      text_sha256 TEXT NOT NULL,
      choices TEXT NOT NULL CHECK (json_valid(choices)),
      method TEXT NOT NULL CHECK (method IN ('drawn', 'typed')),
      signature TEXT CHECK (signature IS NULL OR json_valid(signature)),
      patient_name TEXT NOT NULL CHECK (length(trim(patient_name)) > 0),
      signed_at TEXT NOT NULL,
      countersigner_id TEXT NOT NULL,
      countersigned_by TEXT NOT NULL CHECK (length(trim(countersigned_by)) > 0),
      record_hash TEXT NOT NULL,
      CHECK ((method = 'drawn') = (signature IS NOT NULL))
    ) STRICT;

    CREATE INDEX consents_by_consult ON consents (consult_id, signed_at);
    CREATE INDEX consents_by_patient ON consents (patient_id, form_id, signed_at);

    -- Withdrawing is a dated entry appended to the consent, never an edit of it.
    CREATE TABLE consent_withdrawals (
      id TEXT PRIMARY KEY NOT NULL,
      consent_id TEXT NOT NULL UNIQUE REFERENCES consents (id) ON DELETE RESTRICT,
      withdrawn_at TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      recorded_by TEXT NOT NULL CHECK (length(trim(recorded_by)) > 0),
      entry_hash TEXT NOT NULL
    ) STRICT;

    -- Both are records: written once, then never replaced, changed or deleted. The INSERT
    -- triggers refuse INSERT OR REPLACE and upserts over an existing row, which would
    -- otherwise replace it without an UPDATE or DELETE trigger firing.
    CREATE TRIGGER consents_are_not_replaced BEFORE INSERT ON consents
      WHEN EXISTS (SELECT 1 FROM consents WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'a signed consent cannot be replaced'); END;
    CREATE TRIGGER consents_are_read_only BEFORE UPDATE ON consents
      BEGIN SELECT RAISE(ABORT, 'a signed consent cannot be changed; withdraw it instead'); END;
    CREATE TRIGGER consents_are_kept BEFORE DELETE ON consents
      BEGIN SELECT RAISE(ABORT, 'a signed consent cannot be deleted'); END;

    CREATE TRIGGER consent_withdrawals_are_not_replaced BEFORE INSERT ON consent_withdrawals
      WHEN EXISTS (SELECT 1 FROM consent_withdrawals WHERE id = NEW.id OR consent_id = NEW.consent_id)
      BEGIN SELECT RAISE(ABORT, 'this consent is already withdrawn'); END;
    CREATE TRIGGER consent_withdrawals_are_read_only BEFORE UPDATE ON consent_withdrawals
      BEGIN SELECT RAISE(ABORT, 'a withdrawal cannot be changed'); END;
    CREATE TRIGGER consent_withdrawals_are_kept BEFORE DELETE ON consent_withdrawals
      BEGIN SELECT RAISE(ABORT, 'a withdrawal cannot be deleted'); END;

    -- Whether each consult's plan needs a consent that is not on file, for the
    -- "consent missing" filter. The service rewrites a consult's row whenever its plan
    -- or the patient's consents change.
    CREATE TABLE consult_consent_state (
      consult_rowid INTEGER PRIMARY KEY,
      missing INTEGER NOT NULL CHECK (missing IN (0, 1))
    ) STRICT;

    CREATE INDEX consult_consent_missing ON consult_consent_state (missing, consult_rowid);
  `)
}
