import type { WritableDB } from '../types'

export default function createConsultSearch(db: WritableDB): void {
  db.exec(`
    -- Full-text index of each consult, one row per consult (rowid = consults.rowid). The
    -- service layer writes it with the same transaction as the consult, using the labels of
    -- the clinic's content, so "wrinkles" finds a consult marked "Fine lines and wrinkles".
    CREATE VIRTUAL TABLE consult_search USING fts5(
      patient_name,
      concerns,
      notes,
      amendments,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );

    -- Areas and concerns of each consult, for indexed filters.
    CREATE TABLE consult_tags (
      consult_rowid INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('area', 'concern')),
      value TEXT NOT NULL,
      PRIMARY KEY (kind, value, consult_rowid)
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX consult_tags_by_consult ON consult_tags (consult_rowid);
    CREATE INDEX consults_by_status_date ON consults (status, consulted_at DESC);
  `)
}
