import type { WritableDB } from '../types'

export default function areaTagsCarryConcerns(db: WritableDB): void {
  db.exec(`
    -- Each area tag also lists the consult's concerns ("|acne-scars|fine-lines|", "||" for
    -- none), so "area and concern" is checked in the row the area's walk already reads,
    -- instead of one index lookup per consult walked. Concern tags leave it empty.
    ALTER TABLE consult_tags ADD COLUMN concerns TEXT NOT NULL DEFAULT '';

    UPDATE consult_tags SET concerns = '|' || coalesce((
        SELECT group_concat(x.value, '|') FROM consult_tags x
        WHERE x.consult_rowid = consult_tags.consult_rowid AND x.kind = 'concern'
      ), '') || '|'
    WHERE kind = 'area';
  `)
}
