import type { WritableDB } from '../types'

export default function fastFilters(db: WritableDB): void {
  db.exec(`
    -- Filter tags now carry the consult's date, status and flag count, in the same order as
    -- the newest-first list, so "area = face" (with any status, flag or date filter) is a
    -- range of this table's key walked newest first, never a scan of every consult.
    CREATE TABLE consult_tags_ordered (
      kind TEXT NOT NULL CHECK (kind IN ('area', 'concern')),
      value TEXT NOT NULL,
      consulted_at TEXT NOT NULL,
      status TEXT NOT NULL,
      flag_count INTEGER NOT NULL,
      consult_rowid INTEGER NOT NULL,
      PRIMARY KEY (kind, value, consulted_at, status, flag_count, consult_rowid)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO consult_tags_ordered (kind, value, consulted_at, status, flag_count, consult_rowid)
      SELECT t.kind, t.value, c.consulted_at, c.status, c.flag_count, t.consult_rowid
      FROM consult_tags t JOIN consults c ON c.rowid = t.consult_rowid;

    DROP TABLE consult_tags;
    ALTER TABLE consult_tags_ordered RENAME TO consult_tags;

    -- For rewriting a consult's tags, and for "and this concern too" on one consult.
    CREATE INDEX consult_tags_by_consult ON consult_tags (consult_rowid, kind, value);

    -- The newest-first list of one status, and of flagged consults.
    CREATE INDEX consults_by_status ON consults (status, consulted_at, flag_count);
    CREATE INDEX consults_flagged ON consults (consulted_at, status, flag_count) WHERE flag_count > 0;

    -- The search index again, with prefixes indexed from the first letter, so a search
    -- answers from the first key press. FTS5 cannot change its options in place.
    CREATE VIRTUAL TABLE consult_search_prefix1 USING fts5(
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

    INSERT INTO consult_search_prefix1
      (rowid, patient_name, concerns, notes, amendments, consult_rowid, consulted_at, status, flag_count)
      SELECT rowid, patient_name, concerns, notes, amendments, consult_rowid, consulted_at, status, flag_count
      FROM consult_search;

    DROP TABLE consult_search;
    ALTER TABLE consult_search_prefix1 RENAME TO consult_search;
  `)
}
