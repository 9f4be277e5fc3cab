import type { WritableDB } from '../types'

export default function createPhotos(db: WritableDB): void {
  db.exec(`
    -- A photo's bytes live in photos/<sha256>.jpg beside the database (metadata stripped on
    -- import); this row indexes it. The thumbnail is small enough to keep in the row, so a
    -- patient's grid opens with one query.
    CREATE TABLE photos (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT NOT NULL REFERENCES consults (id) ON DELETE RESTRICT,
      patient_id TEXT NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
      area TEXT NOT NULL,
      -- Left or right for a sided area (arms, legs); null for the others.
      side TEXT CHECK (side IS NULL OR side IN ('left', 'right')),
      view TEXT NOT NULL CHECK (view IN ('front', 'left-45', 'right-45', 'left-profile', 'right-profile', 'close-up')),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      width INTEGER NOT NULL CHECK (width > 0),
      height INTEGER NOT NULL CHECK (height > 0),
      taken_at TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      thumb BLOB NOT NULL,
      UNIQUE (consult_id, sha256)
    ) STRICT;

    CREATE INDEX photos_by_consult ON photos (consult_id, taken_at);
    CREATE INDEX photos_by_patient ON photos (patient_id, area, side, view, taken_at DESC);
    CREATE INDEX photos_by_hash ON photos (sha256);

    -- A photo is never edited: a different picture is a different file and a new row.
    CREATE TRIGGER photos_are_read_only BEFORE UPDATE ON photos
      BEGIN SELECT RAISE(ABORT, 'a photo cannot be changed'); END;
    -- A signed consult's photos are part of the record: none added, replaced or removed.
    CREATE TRIGGER photos_of_signed_consults_are_kept BEFORE DELETE ON photos
      WHEN (SELECT status FROM consults WHERE id = OLD.consult_id) = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a photo of a signed consult cannot be removed'); END;
    CREATE TRIGGER photos_are_not_replaced BEFORE INSERT ON photos
      WHEN EXISTS (SELECT 1 FROM photos WHERE id = NEW.id OR (consult_id = NEW.consult_id AND sha256 = NEW.sha256))
      BEGIN SELECT RAISE(ABORT, 'a photo cannot be replaced'); END;
    -- Only a photo imported before the signing may join a signed consult: one coming back
    -- from an export, with the time it was first imported.
    CREATE TRIGGER photos_join_unsigned_consults BEFORE INSERT ON photos
      WHEN (SELECT status = 'signed' AND NEW.imported_at >= signed_at FROM consults WHERE id = NEW.consult_id)
      BEGIN SELECT RAISE(ABORT, 'a signed consult takes no new photos; add them to a later consult'); END;
  `)
}
