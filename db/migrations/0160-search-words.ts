import type { WritableDB } from '../types'

export default function searchWords(db: WritableDB): void {
  db.exec(`
    -- Every word of four letters or more that the search index holds, as the index spells
    -- it. FTS5 answers a prefix longer than its prefix index (1 to 3 letters) by merging the
    -- whole list of every matching word before it can return the newest row; knowing the
    -- words, the search asks for them by name instead ("wedd" becomes "wedding" OR
    -- "weddings"), which FTS5 walks newest first and stops at the page. A word no longer
    -- used stays listed: it matches nothing and costs nothing.
    CREATE TABLE consult_search_words (word TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

    CREATE VIRTUAL TABLE temp.consult_search_terms USING fts5vocab(main, consult_search, row);
    INSERT INTO consult_search_words (word)
      SELECT term FROM temp.consult_search_terms WHERE length(term) > 3;
    DROP TABLE temp.consult_search_terms;
  `)
}
