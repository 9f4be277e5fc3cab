import type { WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** The longest prefix FTS5 indexes (migration 0100: prefix = '1 2 3'); longer words are listed. */
export const INDEXED_PREFIX = 3

/**
 * The words FTS5 makes of a text, from a scratch index of this connection with the search
 * index's own tokenizer (migration 0100's), so consult_search_words spells them exactly as
 * the index does. Contentless: emptied after each use in one step.
 */
const SCRATCH = `
  CREATE VIRTUAL TABLE IF NOT EXISTS temp.consult_words_scratch USING fts5(
    text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS temp.consult_words_scratch_terms
    USING fts5vocab(temp, consult_words_scratch, row);`

const prepared = preparedStatements((db) => {
  db.exec(SCRATCH)
  return {
    tokenize: db.prepare<[text: string]>('INSERT INTO temp.consult_words_scratch (rowid, text) VALUES (1, ?)'),
    keep: db.prepare<[]>(`
      INSERT OR IGNORE INTO consult_search_words (word)
      SELECT term FROM temp.consult_words_scratch_terms WHERE length(term) > ${INDEXED_PREFIX}`),
    empty: db.prepare<[]>("INSERT INTO temp.consult_words_scratch (consult_words_scratch) VALUES ('delete-all')")
  }
})

/** Adds the words of `text` (four letters or more) to consult_search_words. */
export function keepWords(db: WritableDB, text: string): void {
  const statements = prepared(db)
  // Made again if a transaction that made it was rolled back (SQLite prepares the statements anew).
  db.exec(SCRATCH)
  statements.tokenize.run(text)
  statements.keep.run()
  statements.empty.run()
}
