import { randomUUID } from 'node:crypto'
import type {
  AreaEntry,
  Consult,
  ConsultDraft,
  ConsultStatus,
  ConsultSummary,
  Plan,
  ScreeningAnswer
} from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** A `consults` row exactly as SQLite holds it: lists and objects as JSON text. */
export type ConsultRow = Readonly<{
  id: string
  patient_id: string
  status: ConsultStatus
  practitioner: string
  consulted_at: string
  areas: string
  no_areas_note: string
  screening: string
  plan: string
  notes: string
  guide_shown: string
  flag_count: number
  do_not_treat_count: number
  created_at: string
  updated_at: string
  signed_at: string | null
  signed_by: string | null
  content_hash: string | null
  override_reason: string | null
  signature: string | null
  signing_key_id: string | null
}>

/** How many answers are flagged, and how many of those say "do not treat today". */
export interface FlagCounts {
  readonly flagCount: number
  readonly doNotTreatCount: number
}

/** The ids of the areas in a consult's `areas` column, in their order. */
export const areaIdsOf = (areas: ConsultRow['areas']): string[] =>
  (JSON.parse(areas) as AreaEntry[]).map((a) => a.areaId)

export function rowToConsult(row: ConsultRow): Consult {
  return {
    id: row.id,
    patientId: row.patient_id,
    status: row.status,
    practitioner: row.practitioner,
    consultedAt: row.consulted_at,
    areas: JSON.parse(row.areas) as AreaEntry[],
    noAreasNote: row.no_areas_note,
    screening: JSON.parse(row.screening) as ScreeningAnswer[],
    plan: JSON.parse(row.plan) as Plan,
    notes: row.notes,
    guideShown: JSON.parse(row.guide_shown) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedAt: row.signed_at,
    signedBy: row.signed_by,
    contentHash: row.content_hash,
    overrideReason: row.override_reason,
    signature: row.signature,
    signingKeyId: row.signing_key_id
  }
}

/** The columns a draft's fields fill; a consult's row is these and its identity, stamps and signature. */
type DraftColumns = Pick<
  ConsultRow,
  | 'practitioner'
  | 'consulted_at'
  | 'areas'
  | 'no_areas_note'
  | 'screening'
  | 'plan'
  | 'notes'
  | 'guide_shown'
  | 'flag_count'
  | 'do_not_treat_count'
>

const draftToColumns = (draft: ConsultDraft, counts: FlagCounts): DraftColumns => ({
  practitioner: draft.practitioner,
  consulted_at: draft.consultedAt,
  areas: JSON.stringify(draft.areas),
  no_areas_note: draft.noAreasNote,
  screening: JSON.stringify(draft.screening),
  plan: JSON.stringify(draft.plan),
  notes: draft.notes,
  guide_shown: JSON.stringify(draft.guideShown),
  flag_count: counts.flagCount,
  do_not_treat_count: counts.doNotTreatCount
})

export function consultToRow(consult: Consult, counts: FlagCounts): ConsultRow {
  return {
    id: consult.id,
    patient_id: consult.patientId,
    status: consult.status,
    ...draftToColumns(consult, counts),
    created_at: consult.createdAt,
    updated_at: consult.updatedAt,
    signed_at: consult.signedAt,
    signed_by: consult.signedBy,
    content_hash: consult.contentHash,
    override_reason: consult.overrideReason,
    signature: consult.signature,
    signing_key_id: consult.signingKeyId
  }
}

/** The fields of a consult's list entry (`ConsultSummary`), as stored. */
type SummaryRow = Pick<
  ConsultRow,
  'id' | 'status' | 'consulted_at' | 'practitioner' | 'areas' | 'flag_count' | 'do_not_treat_count'
>

/** Each consult's id, status and last change, to compare two databases. */
export type ConsultStamp = Pick<ConsultRow, 'id' | 'status' | 'updated_at'>

/** A stamp for a signature, as the `sign` statement binds it. */
type SignColumns = Pick<
  ConsultRow,
  'id' | 'signed_by' | 'content_hash' | 'override_reason' | 'signature' | 'signing_key_id'
> & { signed_at: string }

const prepared = preparedStatements((db) => ({
  byId: db.prepare<[id: string], ConsultRow>('SELECT * FROM consults WHERE id = ?'),
  insert: db.prepare<ConsultRow>(`
    INSERT INTO consults (id, patient_id, status, practitioner, consulted_at, areas, no_areas_note, screening,
      plan, notes, guide_shown, flag_count, do_not_treat_count, created_at, updated_at, signed_at, signed_by,
      content_hash, override_reason, signature, signing_key_id)
    VALUES (@id, @patient_id, @status, @practitioner, @consulted_at, @areas, @no_areas_note, @screening,
      @plan, @notes, @guide_shown, @flag_count, @do_not_treat_count, @created_at, @updated_at, @signed_at, @signed_by,
      @content_hash, @override_reason, @signature, @signing_key_id)`),
  // A save that leaves the date and the flag counts as they were changes no indexed column:
  // naming only the others lets SQLite leave every index of consults alone.
  updateDraftContent: db.prepare<DraftColumns & { id: string; base_updated_at: string; updated_at: string }>(`
    UPDATE consults SET practitioner = @practitioner, areas = @areas, no_areas_note = @no_areas_note,
      screening = @screening, plan = @plan, notes = @notes, guide_shown = @guide_shown, updated_at = @updated_at
    WHERE id = @id AND status = 'draft' AND updated_at = @base_updated_at AND consulted_at = @consulted_at
      AND flag_count = @flag_count AND do_not_treat_count = @do_not_treat_count`),
  updateDraft: db.prepare<DraftColumns & { id: string; base_updated_at: string; updated_at: string }>(`
    UPDATE consults SET practitioner = @practitioner, consulted_at = @consulted_at, areas = @areas,
      no_areas_note = @no_areas_note, screening = @screening, plan = @plan, notes = @notes,
      guide_shown = @guide_shown, flag_count = @flag_count, do_not_treat_count = @do_not_treat_count,
      updated_at = @updated_at
    WHERE id = @id AND status = 'draft' AND updated_at = @base_updated_at`),
  sign: db.prepare<SignColumns>(`
    UPDATE consults SET status = 'signed', signed_at = @signed_at, signed_by = @signed_by,
      practitioner = @signed_by, content_hash = @content_hash, override_reason = @override_reason,
      signature = @signature, signing_key_id = @signing_key_id, updated_at = @signed_at
    WHERE id = @id AND status = 'draft'`),
  forPatient: db.prepare<[patientId: string], SummaryRow>(`
    SELECT id, status, consulted_at, practitioner, areas, flag_count, do_not_treat_count FROM consults
    WHERE patient_id = ? ORDER BY consulted_at DESC, created_at DESC`),
  stamps: db.prepare<[], ConsultStamp>('SELECT id, status, updated_at FROM consults'),
  page: db.prepare<{ patient: string | null; offset: number; limit: number }, ConsultRow>(`
    SELECT * FROM consults WHERE (@patient IS NULL OR patient_id = @patient)
    ORDER BY consulted_at, created_at, id LIMIT @limit OFFSET @offset`),
  count: db
    .prepare<{ patient: string | null }, number>(
      'SELECT count(*) FROM consults WHERE (@patient IS NULL OR patient_id = @patient)'
    )
    .pluck()
}))

export function emptyDraft(now: Date, practitioner: string): ConsultDraft {
  return {
    practitioner,
    consultedAt: now.toISOString(),
    areas: [],
    noAreasNote: '',
    screening: [],
    plan: { sessions: null, intervalWeeks: null, customised: false, addOns: [], timeline: '', priceQuote: '' },
    notes: '',
    guideShown: []
  }
}

/** A new, empty draft for `patientId`, by `practitioner` (the one working). */
export function insertConsult(db: WritableDB, patientId: string, practitioner: string, now = new Date()): Consult {
  const stamp = now.toISOString()
  const consult: Consult = {
    id: randomUUID(),
    patientId,
    status: 'draft',
    ...emptyDraft(now, practitioner),
    createdAt: stamp,
    updatedAt: stamp,
    signedAt: null,
    signedBy: null,
    contentHash: null,
    overrideReason: null,
    signature: null,
    signingKeyId: null
  }
  insertConsultAsIs(db, consult, { flagCount: 0, doNotTreatCount: 0 })
  return consult
}

export function getConsult(db: ReadableDB, id: string): Consult | undefined {
  const row = prepared(db).byId.get(id)
  return row && rowToConsult(row)
}

/**
 * Stores a draft's fields if it is still at version `baseUpdatedAt`; false when there is no
 * such draft (missing, signed, or changed since). `updatedAt` must be later than `baseUpdatedAt`.
 */
export function updateDraft(
  db: WritableDB,
  id: string,
  baseUpdatedAt: string,
  draft: ConsultDraft,
  counts: FlagCounts,
  updatedAt: string
): boolean {
  const columns = { id, base_updated_at: baseUpdatedAt, ...draftToColumns(draft, counts), updated_at: updatedAt }
  const statements = prepared(db)
  return statements.updateDraftContent.run(columns).changes === 1 || statements.updateDraft.run(columns).changes === 1
}

export interface SigningStamp {
  readonly signedAt: string
  /** Who signs; they become the consult's practitioner too. */
  readonly signedBy: string
  readonly contentHash: string
  readonly signature: string
  readonly signingKeyId: string
  /** Why the plan goes ahead over a "do not treat today" answer; null when there was none. */
  readonly overrideReason: string | null
}

export function markSigned(db: WritableDB, id: string, stamp: SigningStamp): boolean {
  return (
    prepared(db).sign.run({
      id,
      signed_at: stamp.signedAt,
      signed_by: stamp.signedBy,
      content_hash: stamp.contentHash,
      override_reason: stamp.overrideReason,
      signature: stamp.signature,
      signing_key_id: stamp.signingKeyId
    }).changes === 1
  )
}

export function consultsForPatient(db: ReadableDB, patientId: string): ConsultSummary[] {
  return prepared(db)
    .forPatient.all(patientId)
    .map((row) => ({
      id: row.id,
      status: row.status,
      consultedAt: row.consulted_at,
      practitioner: row.practitioner,
      areaIds: areaIdsOf(row.areas),
      flagCount: row.flag_count,
      doNotTreatCount: row.do_not_treat_count
    }))
}

export const consultStamps = (db: ReadableDB): ConsultStamp[] => prepared(db).stamps.all()

/** Consults oldest first, all or one patient's, a page at a time (for export). */
export function consultsPage(db: ReadableDB, patientId: string | null, offset: number, limit: number): Consult[] {
  return prepared(db).page.all({ patient: patientId, offset, limit }).map(rowToConsult)
}

export const countConsults = (db: ReadableDB, patientId: string | null): number =>
  prepared(db).count.get({ patient: patientId })!

/** Stores a consult exactly as given (for import); the caller checks it is not there yet. */
export function insertConsultAsIs(db: WritableDB, consult: Consult, counts: FlagCounts): void {
  prepared(db).insert.run(consultToRow(consult, counts))
}
