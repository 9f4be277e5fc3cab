import type { WritableDB } from '../types'

export default function writeBehindIndex(db: WritableDB): void {
  db.exec(`
    -- Consults whose search entry, filter tags and consent state are behind their row. A
    -- draft's save writes its row and its place here in one durable transaction and answers;
    -- the derived entries follow straight after, and before any search or list reads them
    -- (and at start, should the app stop in between).
    CREATE TABLE consult_reindex_queue (consult_rowid INTEGER PRIMARY KEY) STRICT;

    -- Until now every start looked for consults missing from the index or without a consent
    -- state. From here on a consult is always indexed or queued, so that search runs once:
    -- whatever it finds is queued, and a start only looks at the queue.
    INSERT OR IGNORE INTO consult_reindex_queue (consult_rowid)
      SELECT rowid FROM consults WHERE rowid NOT IN (SELECT consult_rowid FROM consult_search_keys)
      UNION SELECT rowid FROM consults WHERE rowid NOT IN (SELECT consult_rowid FROM consult_consent_state);

    -- "Do not treat today" alone: its few consults, newest first, without walking the rest.
    CREATE INDEX consults_do_not_treat ON consults (consulted_at, status, flag_count) WHERE do_not_treat_count > 0;

    -- "Consent missing" alone, the same way: the state carries the list's order.
    ALTER TABLE consult_consent_state ADD COLUMN consulted_at TEXT NOT NULL DEFAULT '';
    ALTER TABLE consult_consent_state ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
    ALTER TABLE consult_consent_state ADD COLUMN flag_count INTEGER NOT NULL DEFAULT 0;
    UPDATE consult_consent_state SET (consulted_at, status, flag_count) =
      (SELECT consulted_at, status, flag_count FROM consults c WHERE c.rowid = consult_consent_state.consult_rowid);
    DROP INDEX consult_consent_missing;
    CREATE INDEX consult_consent_missing ON consult_consent_state (consulted_at, status, flag_count, consult_rowid)
      WHERE missing = 1;

    -- consults_for_listing starts with the same column: a second index only cost every write.
    DROP INDEX consults_by_date;
  `)
}
