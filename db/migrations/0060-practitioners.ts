import type { WritableDB } from '../types'

export default function createPractitioners(db: WritableDB): void {
  db.exec(`
    -- The people who may unlock the app and sign consults. PINs are kept only as salted
    -- scrypt hashes.
    CREATE TABLE practitioners (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      pin_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE UNIQUE INDEX practitioners_by_name ON practitioners (name COLLATE NOCASE);
  `)
}
