import type { WritableDB } from '../types'

export default function createPinAttempts(db: WritableDB): void {
  db.exec(`
    -- Wrong PINs in a row per practitioner, and until when the next try must wait
    -- (milliseconds since 1970). Kept in the database so a restart does not reset them.
    CREATE TABLE pin_attempts (
      practitioner_id TEXT PRIMARY KEY NOT NULL REFERENCES practitioners (id),
      failures INTEGER NOT NULL CHECK (failures >= 0),
      blocked_until INTEGER NOT NULL
    ) STRICT;
  `)
}
