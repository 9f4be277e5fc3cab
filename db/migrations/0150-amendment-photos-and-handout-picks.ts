import { protectedRowTriggers } from '../protect-rows'
import type { WritableDB } from '../types'

export default function addAmendmentPhotosAndHandoutPicks(db: WritableDB): void {
  db.exec(`
    -- A photo added to a signed consult belongs to the amendment it was signed with; that
    -- amendment's signature covers the photo's SHA-256.
    ALTER TABLE photos ADD COLUMN amendment_id TEXT REFERENCES amendments (id) ON DELETE RESTRICT;
    CREATE INDEX photos_by_amendment ON photos (amendment_id) WHERE amendment_id IS NOT NULL;

    -- A signed consult still takes no loose photos: only one coming back from an export
    -- (imported before the signing), or one of an amendment of this consult, added at the
    -- amendment's own moment (in the same transaction, or restored from an export).
    DROP TRIGGER photos_join_unsigned_consults;
    CREATE TRIGGER photos_join_unsigned_consults BEFORE INSERT ON photos
      WHEN (SELECT status = 'signed' AND NEW.imported_at >= signed_at FROM consults WHERE id = NEW.consult_id)
        AND NOT EXISTS (
          SELECT 1 FROM amendments
          WHERE id = NEW.amendment_id AND consult_id = NEW.consult_id AND created_at = NEW.imported_at
        )
      BEGIN SELECT RAISE(ABORT, 'a signed consult takes new photos only with an amendment'); END;
    CREATE TRIGGER photos_of_amendments_join_their_consult BEFORE INSERT ON photos
      WHEN NEW.amendment_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM amendments
        WHERE id = NEW.amendment_id AND consult_id = NEW.consult_id AND created_at = NEW.imported_at
      )
      BEGIN SELECT RAISE(ABORT, 'a photo of an amendment is added with that amendment, to its consult'); END;
    ${protectedRowTriggers('photos', { protectedWhen: '$row.amendment_id IS NOT NULL', noun: 'a photo of an amendment' })}

    -- The photos the practitioner picked to show on the consult's handout. A pick is not
    -- part of the record: it is made and taken back freely, and goes with its photo.
    CREATE TABLE photo_handout_picks (
      photo_id TEXT PRIMARY KEY NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
      picked_at TEXT NOT NULL
    ) STRICT;
  `)
}
