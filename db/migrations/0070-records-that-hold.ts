import { auditEntryHash, CHAIN_START, type ChainedFields } from '../audit-chain'
import { protectedRowTriggers } from '../protect-rows'
import type { WritableDB } from '../types'

export default function createRecordsThatHold(db: WritableDB): void {
  // The UPDATE/DELETE-only guards of 0020 and 0050 let INSERT OR REPLACE through; one set of
  // guards per table now, from one helper.
  db.exec(`
    DROP TRIGGER signed_consults_are_read_only;
    DROP TRIGGER signed_consults_are_kept;
    DROP TRIGGER amendments_are_read_only;
    DROP TRIGGER amendments_are_kept;
    DROP TRIGGER audit_log_is_append_only;
    DROP TRIGGER audit_log_is_kept;

    -- Each entry carries the hash of the one before, so a removed or altered entry shows.
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
    ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';

    -- Ed25519 signatures (base64) over the canonical record, and the key that made them.
    -- A signed consult without a signature was signed with the earlier method (content_hash only).
    ALTER TABLE consults ADD COLUMN signature TEXT;
    ALTER TABLE consults ADD COLUMN signing_key_id TEXT;
    ALTER TABLE amendments ADD COLUMN signature TEXT;
    ALTER TABLE amendments ADD COLUMN signing_key_id TEXT;

    -- Each practitioner's signing key pairs. The private key is encrypted under a key derived
    -- from their PIN; keys that came with an import have none. Public keys are never changed
    -- or removed, so old signatures can always be checked.
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
    CREATE INDEX signing_keys_by_practitioner ON signing_keys (practitioner_id, created_at);
    CREATE TRIGGER signing_keys_refuse_overwrite BEFORE INSERT ON signing_keys
      WHEN EXISTS (SELECT 1 FROM signing_keys AS existing WHERE existing.id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'a signing key cannot be replaced'); END;
    CREATE TRIGGER signing_keys_keep_public_part BEFORE UPDATE ON signing_keys
      WHEN NEW.id IS NOT OLD.id OR NEW.practitioner_id IS NOT OLD.practitioner_id OR NEW.public_key IS NOT OLD.public_key
        OR NEW.origin IS NOT OLD.origin OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'a public signing key cannot be changed'); END;
    CREATE TRIGGER signing_keys_are_kept BEFORE DELETE ON signing_keys
      BEGIN SELECT RAISE(ABORT, 'a signing key cannot be deleted'); END;

    -- Signed records that a restore took out of the main tables, kept whole (as JSON in the
    -- export format) so they stay visible and exportable.
    CREATE TABLE removed_by_restore (
      id TEXT PRIMARY KEY NOT NULL,
      consult_id TEXT NOT NULL,
      patient_name TEXT NOT NULL,
      removed_at TEXT NOT NULL,
      restored_backup TEXT NOT NULL,
      record TEXT NOT NULL CHECK (json_valid(record))
    ) STRICT;
    CREATE INDEX removed_by_restore_by_time ON removed_by_restore (removed_at DESC);
  `)

  const rows = db
    .prepare<[], ChainedFields>('SELECT id, at, action, actor, subject, detail FROM audit_log ORDER BY id')
    .all()
  const setHash = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?')
  let previous = CHAIN_START
  for (const row of rows) {
    const hash = auditEntryHash(previous, row)
    setHash.run(previous, hash, row.id)
    previous = hash
  }

  db.exec(`
    ${protectedRowTriggers('consults', { protectedWhen: "$row.status = 'signed'", noun: 'a signed consult' })}
    ${protectedRowTriggers('amendments', { noun: 'an amendment' })}
    ${protectedRowTriggers('audit_log', { noun: 'an audit log entry' })}
    ${protectedRowTriggers('removed_by_restore', { noun: 'a record removed by a restore' })}
  `)
}
