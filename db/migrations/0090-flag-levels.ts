import type { WritableDB } from '../types'

/**
 * Two flag levels: consults count their "do not treat today" answers (for the list filter)
 * and keep the practitioner's reason for going ahead over one. Existing consults are
 * counted from the questions that carried that level when this migration was written; the
 * signed consults' guard (migration 70) is lifted for that one update and put back as it was.
 */
export default function addFlagLevels(db: WritableDB): void {
  db.exec(`
    ALTER TABLE consults ADD COLUMN do_not_treat_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE consults ADD COLUMN override_reason TEXT;

    DROP TRIGGER consults_refuse_update;
    UPDATE consults SET do_not_treat_count = (
      SELECT count(*) FROM json_each(consults.screening)
      WHERE json_extract(value, '$.questionId') IN ('skin-cancer', 'broken-skin', 'allergy', 'bleeding', 'pregnancy')
        AND json_extract(value, '$.answer') IN ('yes', 'unsure')
    );
    CREATE TRIGGER consults_refuse_update BEFORE UPDATE ON consults
      WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed consult cannot be changed'); END;
  `)
}
