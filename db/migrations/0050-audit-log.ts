import type { WritableDB } from '../types'

export default function createAuditLog(db: WritableDB): void {
  db.exec(`
    -- Who did what and when: signing, amending, printing, backups and restores.
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      subject TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;

    CREATE INDEX audit_log_by_time ON audit_log (at DESC);

    CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
    CREATE TRIGGER audit_log_is_kept BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted'); END;
  `)
}
