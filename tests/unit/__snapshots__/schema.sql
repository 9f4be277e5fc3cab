-- user_version 170

-- index amendments_by_consult
CREATE INDEX amendments_by_consult ON amendments (consult_id, created_at);

-- index audit_log_by_time
CREATE INDEX audit_log_by_time ON audit_log (at DESC);

-- index consents_by_consult
CREATE INDEX consents_by_consult ON consents (consult_id, signed_at);

-- index consents_by_patient
CREATE INDEX consents_by_patient ON consents (patient_id, form_id, signed_at);

-- index consult_consent_missing
CREATE INDEX consult_consent_missing ON consult_consent_state (consulted_at, status, flag_count, consult_rowid)
      WHERE missing = 1;

-- index consult_tags_by_consult
CREATE INDEX consult_tags_by_consult ON consult_tags (consult_rowid, kind, value);

-- index consults_by_patient
CREATE INDEX consults_by_patient ON consults (patient_id, consulted_at DESC);

-- index consults_by_status
CREATE INDEX consults_by_status ON consults (status, consulted_at, flag_count);

-- index consults_do_not_treat
CREATE INDEX consults_do_not_treat ON consults (consulted_at, status, flag_count) WHERE do_not_treat_count > 0;

-- index consults_flagged
CREATE INDEX consults_flagged ON consults (consulted_at, status, flag_count) WHERE flag_count > 0;

-- index consults_for_listing
CREATE INDEX consults_for_listing ON consults (consulted_at, status, flag_count);

-- index handout_prints_by_consult
CREATE INDEX handout_prints_by_consult ON handout_prints (consult_id, printed_at);

-- index patients_by_name_then_added
CREATE INDEX patients_by_name_then_added ON patients (full_name COLLATE NOCASE, created_at);

-- index photos_by_amendment
CREATE INDEX photos_by_amendment ON photos (amendment_id) WHERE amendment_id IS NOT NULL;

-- index photos_by_consult
CREATE INDEX photos_by_consult ON photos (consult_id, taken_at);

-- index photos_by_hash
CREATE INDEX photos_by_hash ON photos (sha256);

-- index photos_by_patient
CREATE INDEX photos_by_patient ON photos (patient_id, area, side, view, taken_at DESC);

-- index practitioners_by_name
CREATE UNIQUE INDEX practitioners_by_name ON practitioners (name COLLATE NOCASE);

-- index removed_by_restore_by_time
CREATE INDEX removed_by_restore_by_time ON removed_by_restore (removed_at DESC);

-- index signing_keys_by_practitioner
CREATE INDEX signing_keys_by_practitioner ON signing_keys (practitioner_id, created_at);

-- index sqlite_autoindex_amendments_1
-- (made by SQLite)

-- index sqlite_autoindex_consent_withdrawals_1
-- (made by SQLite)

-- index sqlite_autoindex_consent_withdrawals_2
-- (made by SQLite)

-- index sqlite_autoindex_consents_1
-- (made by SQLite)

-- index sqlite_autoindex_consult_search_keys_1
-- (made by SQLite)

-- index sqlite_autoindex_consults_1
-- (made by SQLite)

-- index sqlite_autoindex_handout_prints_1
-- (made by SQLite)

-- index sqlite_autoindex_patients_1
-- (made by SQLite)

-- index sqlite_autoindex_photo_handout_picks_1
-- (made by SQLite)

-- index sqlite_autoindex_photos_1
-- (made by SQLite)

-- index sqlite_autoindex_photos_2
-- (made by SQLite)

-- index sqlite_autoindex_pin_attempts_1
-- (made by SQLite)

-- index sqlite_autoindex_practitioners_1
-- (made by SQLite)

-- index sqlite_autoindex_removed_by_restore_1
-- (made by SQLite)

-- index sqlite_autoindex_signing_keys_1
-- (made by SQLite)

-- table amendments
CREATE TABLE amendments (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT NOT NULL REFERENCES consults (id) ON DELETE RESTRICT,
      author TEXT NOT NULL CHECK (length(trim(author)) > 0),
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      created_at TEXT NOT NULL
    , signature TEXT, signing_key_id TEXT) STRICT;

-- table audit_log
CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      subject TEXT NOT NULL,
      detail TEXT NOT NULL
    , prev_hash TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL DEFAULT '') STRICT;

-- table clinic_settings
CREATE TABLE clinic_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      data TEXT NOT NULL CHECK (json_valid(data)),
      updated_at TEXT NOT NULL
    ) STRICT;

-- table consent_withdrawals
CREATE TABLE consent_withdrawals (
      id TEXT PRIMARY KEY NOT NULL,
      consent_id TEXT NOT NULL UNIQUE REFERENCES consents (id) ON DELETE RESTRICT,
      withdrawn_at TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      recorded_by TEXT NOT NULL CHECK (length(trim(recorded_by)) > 0),
      entry_hash TEXT NOT NULL
    ) STRICT;

-- table consents
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

-- table consult_consent_state
CREATE TABLE consult_consent_state (
      consult_rowid INTEGER PRIMARY KEY,
      missing INTEGER NOT NULL CHECK (missing IN (0, 1))
    , consulted_at TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'draft', flag_count INTEGER NOT NULL DEFAULT 0) STRICT;

-- table consult_reindex_queue
CREATE TABLE consult_reindex_queue (consult_rowid INTEGER PRIMARY KEY) STRICT;

-- table consult_search
CREATE VIRTUAL TABLE "consult_search" USING fts5(
      patient_name,
      concerns,
      notes,
      amendments,
      consult_rowid UNINDEXED,
      consulted_at UNINDEXED,
      status UNINDEXED,
      flag_count UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    );

-- table consult_search_config
CREATE TABLE "consult_search_config"(k PRIMARY KEY, v) WITHOUT ROWID;

-- table consult_search_content
CREATE TABLE "consult_search_content"(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4, c5, c6, c7);

-- table consult_search_data
CREATE TABLE "consult_search_data"(id INTEGER PRIMARY KEY, block BLOB);

-- table consult_search_docsize
CREATE TABLE "consult_search_docsize"(id INTEGER PRIMARY KEY, sz BLOB);

-- table consult_search_idx
CREATE TABLE "consult_search_idx"(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table consult_search_keys
CREATE TABLE consult_search_keys (
      consult_rowid INTEGER PRIMARY KEY,
      search_rowid INTEGER NOT NULL UNIQUE
    ) STRICT;

-- table consult_search_words
CREATE TABLE consult_search_words (word TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

-- table consult_tags
CREATE TABLE "consult_tags" (
      kind TEXT NOT NULL CHECK (kind IN ('area', 'concern')),
      value TEXT NOT NULL,
      consulted_at TEXT NOT NULL,
      status TEXT NOT NULL,
      flag_count INTEGER NOT NULL,
      consult_rowid INTEGER NOT NULL, concerns TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (kind, value, consulted_at, status, flag_count, consult_rowid)
    ) STRICT, WITHOUT ROWID;

-- table consults
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
      content_hash TEXT, signature TEXT, signing_key_id TEXT, do_not_treat_count INTEGER NOT NULL DEFAULT 0, override_reason TEXT,
      CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL AND content_hash IS NOT NULL))
    ) STRICT;

-- table handout_prints
CREATE TABLE handout_prints (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT REFERENCES consults (id) ON DELETE RESTRICT,
      action TEXT NOT NULL CHECK (action IN ('print', 'pdf')),
      paper TEXT NOT NULL CHECK (paper IN ('A4', 'Letter')),
      printed_at TEXT NOT NULL
    ) STRICT;

-- table patients
CREATE TABLE patients (
      id TEXT PRIMARY KEY NOT NULL,
      full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
      date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
      phone TEXT,
      email TEXT,
      fitzpatrick INTEGER CHECK (fitzpatrick IS NULL OR fitzpatrick BETWEEN 1 AND 6),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    , notes TEXT) STRICT;

-- table photo_handout_picks
CREATE TABLE photo_handout_picks (
      photo_id TEXT PRIMARY KEY NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
      picked_at TEXT NOT NULL
    ) STRICT;

-- table photos
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
      thumb BLOB NOT NULL, amendment_id TEXT REFERENCES amendments (id) ON DELETE RESTRICT,
      UNIQUE (consult_id, sha256)
    ) STRICT;

-- table pin_attempts
CREATE TABLE pin_attempts (
      practitioner_id TEXT PRIMARY KEY NOT NULL REFERENCES practitioners (id),
      failures INTEGER NOT NULL CHECK (failures >= 0),
      blocked_until INTEGER NOT NULL
    ) STRICT;

-- table practitioners
CREATE TABLE practitioners (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      pin_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

-- table removed_by_restore
CREATE TABLE removed_by_restore (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT NOT NULL,
      patient_name TEXT NOT NULL,
      removed_at TEXT NOT NULL,
      restored_backup TEXT NOT NULL,
      record TEXT NOT NULL CHECK (json_valid(record))
    ) STRICT;

-- table schema_migrations
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT) STRICT;

-- table signing_keys
CREATE TABLE signing_keys (
      id TEXT PRIMARY KEY NOT NULL,
      practitioner_id TEXT NOT NULL,
      practitioner_name TEXT NOT NULL,
      public_key TEXT NOT NULL,
      private_key TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('local', 'imported')),
      created_at TEXT NOT NULL,
      retired_at TEXT
    ) STRICT;

-- trigger amendments_follow_signing
CREATE TRIGGER amendments_follow_signing BEFORE INSERT ON amendments
      WHEN (SELECT status FROM consults WHERE id = NEW.consult_id) IS NOT 'signed'
      BEGIN SELECT RAISE(ABORT, 'only a signed consult takes amendments'); END;

-- trigger amendments_refuse_delete
CREATE TRIGGER amendments_refuse_delete BEFORE DELETE ON amendments
      WHEN 1
      BEGIN SELECT RAISE(ABORT, 'an amendment cannot be deleted'); END;

-- trigger amendments_refuse_overwrite
CREATE TRIGGER amendments_refuse_overwrite BEFORE INSERT ON amendments
      WHEN EXISTS (SELECT 1 FROM amendments AS existing WHERE existing.id = NEW.id AND 1)
      BEGIN SELECT RAISE(ABORT, 'an amendment cannot be replaced'); END;

-- trigger amendments_refuse_update
CREATE TRIGGER amendments_refuse_update BEFORE UPDATE ON amendments
      WHEN 1
      BEGIN SELECT RAISE(ABORT, 'an amendment cannot be changed'); END;

-- trigger audit_log_refuse_delete
CREATE TRIGGER audit_log_refuse_delete BEFORE DELETE ON audit_log
      WHEN 1
      BEGIN SELECT RAISE(ABORT, 'an audit log entry cannot be deleted'); END;

-- trigger audit_log_refuse_overwrite
CREATE TRIGGER audit_log_refuse_overwrite BEFORE INSERT ON audit_log
      WHEN EXISTS (SELECT 1 FROM audit_log AS existing WHERE existing.id = NEW.id AND 1)
      BEGIN SELECT RAISE(ABORT, 'an audit log entry cannot be replaced'); END;

-- trigger audit_log_refuse_update
CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log
      WHEN 1
      BEGIN SELECT RAISE(ABORT, 'an audit log entry cannot be changed'); END;

-- trigger consent_withdrawals_are_kept
CREATE TRIGGER consent_withdrawals_are_kept BEFORE DELETE ON consent_withdrawals
      BEGIN SELECT RAISE(ABORT, 'a withdrawal cannot be deleted'); END;

-- trigger consent_withdrawals_are_not_replaced
CREATE TRIGGER consent_withdrawals_are_not_replaced BEFORE INSERT ON consent_withdrawals
      WHEN EXISTS (SELECT 1 FROM consent_withdrawals WHERE id = NEW.id OR consent_id = NEW.consent_id)
      BEGIN SELECT RAISE(ABORT, 'this consent is already withdrawn'); END;

-- trigger consent_withdrawals_are_read_only
CREATE TRIGGER consent_withdrawals_are_read_only BEFORE UPDATE ON consent_withdrawals
      BEGIN SELECT RAISE(ABORT, 'a withdrawal cannot be changed'); END;

-- trigger consents_are_kept
CREATE TRIGGER consents_are_kept BEFORE DELETE ON consents
      BEGIN SELECT RAISE(ABORT, 'a signed consent cannot be deleted'); END;

-- trigger consents_are_not_replaced
CREATE TRIGGER consents_are_not_replaced BEFORE INSERT ON consents
      WHEN EXISTS (SELECT 1 FROM consents WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'a signed consent cannot be replaced'); END;

-- trigger consents_are_read_only
CREATE TRIGGER consents_are_read_only BEFORE UPDATE ON consents
      BEGIN SELECT RAISE(ABORT, 'a signed consent cannot be changed; withdraw it instead'); END;

-- trigger consults_refuse_delete
CREATE TRIGGER consults_refuse_delete BEFORE DELETE ON consults
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be deleted'); END;

-- trigger consults_refuse_overwrite
CREATE TRIGGER consults_refuse_overwrite BEFORE INSERT ON consults
      WHEN EXISTS (SELECT 1 FROM consults AS existing WHERE existing.id = NEW.id AND existing.status = 'signed')
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be replaced'); END;

-- trigger consults_refuse_update
CREATE TRIGGER consults_refuse_update BEFORE UPDATE ON consults
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be changed'); END;

-- trigger photos_are_not_replaced
CREATE TRIGGER photos_are_not_replaced BEFORE INSERT ON photos
      WHEN EXISTS (SELECT 1 FROM photos WHERE id = NEW.id OR (consult_id = NEW.consult_id AND sha256 = NEW.sha256))
      BEGIN SELECT RAISE(ABORT, 'a photo cannot be replaced'); END;

-- trigger photos_are_read_only
CREATE TRIGGER photos_are_read_only BEFORE UPDATE ON photos
      BEGIN SELECT RAISE(ABORT, 'a photo cannot be changed'); END;

-- trigger photos_join_unsigned_consults
CREATE TRIGGER photos_join_unsigned_consults BEFORE INSERT ON photos
      WHEN (SELECT status = 'signed' AND NEW.imported_at >= signed_at FROM consults WHERE id = NEW.consult_id)
        AND NOT EXISTS (
          SELECT 1 FROM amendments
          WHERE id = NEW.amendment_id AND consult_id = NEW.consult_id AND created_at = NEW.imported_at
        )
      BEGIN SELECT RAISE(ABORT, 'a signed consult takes new photos only with an amendment'); END;

-- trigger photos_of_amendments_join_their_consult
CREATE TRIGGER photos_of_amendments_join_their_consult BEFORE INSERT ON photos
      WHEN NEW.amendment_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM amendments
        WHERE id = NEW.amendment_id AND consult_id = NEW.consult_id AND created_at = NEW.imported_at
      )
      BEGIN SELECT RAISE(ABORT, 'a photo of an amendment is added with that amendment, to its consult'); END;

-- trigger photos_of_signed_consults_are_kept
CREATE TRIGGER photos_of_signed_consults_are_kept BEFORE DELETE ON photos
      WHEN (SELECT status FROM consults WHERE id = OLD.consult_id) = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a photo of a signed consult cannot be removed'); END;

-- trigger photos_refuse_delete
CREATE TRIGGER photos_refuse_delete BEFORE DELETE ON photos
      WHEN OLD.amendment_id IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a photo of an amendment cannot be deleted'); END;

-- trigger photos_refuse_overwrite
CREATE TRIGGER photos_refuse_overwrite BEFORE INSERT ON photos
      WHEN EXISTS (SELECT 1 FROM photos AS existing WHERE existing.id = NEW.id AND existing.amendment_id IS NOT NULL)
      BEGIN SELECT RAISE(ABORT, 'a photo of an amendment cannot be replaced'); END;

-- trigger photos_refuse_update
CREATE TRIGGER photos_refuse_update BEFORE UPDATE ON photos
      WHEN OLD.amendment_id IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'a photo of an amendment cannot be changed'); END;

-- trigger removed_by_restore_refuse_delete
CREATE TRIGGER removed_by_restore_refuse_delete BEFORE DELETE ON removed_by_restore
      WHEN 1
      BEGIN SELECT RAISE(ABORT, 'a record removed by a restore cannot be deleted'); END;

-- trigger removed_by_restore_refuse_overwrite
CREATE TRIGGER removed_by_restore_refuse_overwrite BEFORE INSERT ON removed_by_restore
      WHEN EXISTS (SELECT 1 FROM removed_by_restore AS existing WHERE existing.id = NEW.id AND 1)
      BEGIN SELECT RAISE(ABORT, 'a record removed by a restore cannot be replaced'); END;

-- trigger removed_by_restore_refuse_update
CREATE TRIGGER removed_by_restore_refuse_update BEFORE UPDATE ON removed_by_restore
      WHEN 1
      BEGIN SELECT RAISE(ABORT, 'a record removed by a restore cannot be changed'); END;

-- trigger signing_keys_are_kept
CREATE TRIGGER signing_keys_are_kept BEFORE DELETE ON signing_keys
      BEGIN SELECT RAISE(ABORT, 'a signing key cannot be deleted'); END;

-- trigger signing_keys_keep_public_part
CREATE TRIGGER signing_keys_keep_public_part BEFORE UPDATE ON signing_keys
      WHEN NEW.id IS NOT OLD.id OR NEW.practitioner_id IS NOT OLD.practitioner_id OR NEW.public_key IS NOT OLD.public_key
        OR NEW.origin IS NOT OLD.origin OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'a public signing key cannot be changed'); END;

-- trigger signing_keys_refuse_overwrite
CREATE TRIGGER signing_keys_refuse_overwrite BEFORE INSERT ON signing_keys
      WHEN EXISTS (SELECT 1 FROM signing_keys AS existing WHERE existing.id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'a signing key cannot be replaced'); END;
