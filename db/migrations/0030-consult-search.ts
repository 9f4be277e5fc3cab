import type { WritableDB } from '../types'

export default function createConsultSearch(db: WritableDB): void {
  db.exec(`
    -- Full-text index of each consult, one row per consult. The service layer writes it in
    -- the same transaction as the consult, using the labels of the clinic's content, so
    -- "wrinkles" finds a consult marked "Fine lines and wrinkles". Its rowid is a sort key
    -- that grows with the consult's date, so FTS5 returns the newest matches first without
    -- reading or sorting the others; status and flag count ride along for the filters.
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

    -- Which search row belongs to which consult.
    CREATE TABLE consult_search_keys (
      consult_rowid INTEGER PRIMARY KEY,
      search_rowid INTEGER NOT NULL UNIQUE
    ) STRICT;

    -- Areas and concerns of each consult, for indexed filters.
    CREATE TABLE consult_tags (
      consult_rowid INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('area', 'concern')),
      value TEXT NOT NULL,
      PRIMARY KEY (kind, value, consult_rowid)
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX consult_tags_by_consult ON consult_tags (consult_rowid);

    -- Covers listing, filtering and counting by date, status and flags without touching
    -- the consult rows themselves.
    CREATE INDEX consults_for_listing ON consults (consulted_at, status, flag_count);
  `)
}
