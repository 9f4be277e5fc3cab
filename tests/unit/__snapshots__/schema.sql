-- user_version 60

-- index amendments_by_consult
CREATE INDEX amendments_by_consult ON amendments (consult_id, created_at);

-- index audit_log_by_time
CREATE INDEX audit_log_by_time ON audit_log (at DESC);

-- index consult_tags_by_consult
CREATE INDEX consult_tags_by_consult ON consult_tags (consult_rowid);

-- index consults_by_date
CREATE INDEX consults_by_date ON consults (consulted_at DESC);

-- index consults_by_patient
CREATE INDEX consults_by_patient ON consults (patient_id, consulted_at DESC);

-- index consults_for_listing
CREATE INDEX consults_for_listing ON consults (consulted_at, status, flag_count);

-- index handout_prints_by_consult
CREATE INDEX handout_prints_by_consult ON handout_prints (consult_id, printed_at);

-- index patients_by_name
CREATE INDEX patients_by_name ON patients (full_name COLLATE NOCASE);

-- index practitioners_by_name
CREATE UNIQUE INDEX practitioners_by_name ON practitioners (name COLLATE NOCASE);

-- index sqlite_autoindex_amendments_1
-- (made by SQLite)

-- index sqlite_autoindex_consult_search_keys_1
-- (made by SQLite)

-- index sqlite_autoindex_consults_1
-- (made by SQLite)

-- index sqlite_autoindex_handout_prints_1
-- (made by SQLite)

-- index sqlite_autoindex_patients_1
-- (made by SQLite)

-- index sqlite_autoindex_practitioners_1
-- (made by SQLite)

-- table amendments
CREATE TABLE amendments (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT NOT NULL REFERENCES consults (id) ON DELETE RESTRICT,
      author TEXT NOT NULL CHECK (length(trim(author)) > 0),
      text TEXT NOT NULL CHECK (length(trim(text)) > 0),
      created_at TEXT NOT NULL
    ) STRICT;

-- table audit_log
CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      subject TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;

-- table clinic_settings
CREATE TABLE clinic_settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      data TEXT NOT NULL CHECK (json_valid(data)),
      updated_at TEXT NOT NULL
    ) STRICT;

-- table consult_search
CREATE VIRTUAL TABLE consult_search USING fts5(
      patient_name,
      concerns,
      notes,
      amendments,
      consult_rowid UNINDEXED,
      consulted_at UNINDEXED,
      status UNINDEXED,
      flag_count UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );

-- table consult_search_config
CREATE TABLE 'consult_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table consult_search_content
CREATE TABLE 'consult_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4, c5, c6, c7);

-- table consult_search_data
CREATE TABLE 'consult_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table consult_search_docsize
CREATE TABLE 'consult_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table consult_search_idx
CREATE TABLE 'consult_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table consult_search_keys
CREATE TABLE consult_search_keys (
      consult_rowid INTEGER PRIMARY KEY,
      search_rowid INTEGER NOT NULL UNIQUE
    ) STRICT;

-- table consult_tags
CREATE TABLE consult_tags (
      consult_rowid INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('area', 'concern')),
      value TEXT NOT NULL,
      PRIMARY KEY (kind, value, consult_rowid)
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
      content_hash TEXT,
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

-- table schema_migrations
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT) STRICT;

-- trigger amendments_are_kept
CREATE TRIGGER amendments_are_kept BEFORE DELETE ON amendments
      BEGIN SELECT RAISE(ABORT, 'an amendment cannot be deleted'); END;

-- trigger amendments_are_read_only
CREATE TRIGGER amendments_are_read_only BEFORE UPDATE ON amendments
      BEGIN SELECT RAISE(ABORT, 'an amendment cannot be changed'); END;

-- trigger amendments_follow_signing
CREATE TRIGGER amendments_follow_signing BEFORE INSERT ON amendments
      WHEN (SELECT status FROM consults WHERE id = NEW.consult_id) IS NOT 'signed'
      BEGIN SELECT RAISE(ABORT, 'only a signed consult takes amendments'); END;

-- trigger audit_log_is_append_only
CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;

-- trigger audit_log_is_kept
CREATE TRIGGER audit_log_is_kept BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted'); END;

-- trigger signed_consults_are_kept
CREATE TRIGGER signed_consults_are_kept BEFORE DELETE ON consults
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be deleted'); END;

-- trigger signed_consults_are_read_only
CREATE TRIGGER signed_consults_are_read_only BEFORE UPDATE ON consults
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be changed; add an amendment'); END;
