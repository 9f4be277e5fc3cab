import content from 'virtual:content'
import { labelOf } from '../../content/labels'
import { amendmentsFor } from '../../db/queries/amendments'
import { getConsult } from '../../db/queries/consults'
import {
  indexConsult,
  fastMatchExpression,
  searchConsults,
  searchWords,
  unindexedConsultIds,
  type SearchRow
} from '../../db/queries/consult-search'
import { getPatient } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import type { AreaEntry, ConsultListItem, ConsultPage } from '../contract'
import { refreshConsentState } from './consent-state'
import { markWords, snippet } from './highlight'
import type { consultSearchSchema } from '../contract'
import type { z } from 'zod'

/** Rewrites a consult's search entry and filter state from what is stored now; call inside the writing transaction. */
export function reindexConsult(db: WritableDB, consultId: string): void {
  const consult = getConsult(db, consultId)
  if (!consult) return
  const concernIds = [...new Set(consult.areas.flatMap((a) => a.concerns))]
  indexConsult(db, consultId, {
    patientName: getPatient(db, consult.patientId)?.fullName ?? '',
    concerns: [
      ...consult.areas.map((a) => labelOf(content.areas, a.areaId)),
      ...concernIds.map((id) => labelOf(content.concerns, id))
    ].join(' · '),
    notes: [consult.notes, ...consult.areas.map((a) => a.note), consult.noAreasNote].filter(Boolean).join(' · '),
    amendments: amendmentsFor(db, consultId)
      .map((a) => a.text)
      .join(' · '),
    areaIds: consult.areas.map((a) => a.areaId),
    concernIds
  })
  refreshConsentState(db, consultId)
}

/** Indexes consults the search does not know yet (first start after an upgrade, or an import). */
export function indexMissingConsults(db: WritableDB): number {
  const missing = unindexedConsultIds(db)
  if (missing.length > 0) db.transaction(() => missing.forEach((id) => reindexConsult(db, id)))()
  return missing.length
}

function toItem(row: SearchRow, words: readonly string[]): ConsultListItem {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: markWords(row.patient_name, words),
    consultedAt: row.consulted_at,
    practitioner: row.practitioner,
    areaIds: (JSON.parse(row.areas) as AreaEntry[]).map((a) => a.areaId),
    status: row.status,
    flagCount: row.flag_count,
    doNotTreatCount: row.do_not_treat_count,
    snippet: words.length > 0 ? snippet([row.notes, row.amendments, row.concerns], words) : null
  }
}

export function findConsults(db: WritableDB, input: z.output<typeof consultSearchSchema>): ConsultPage {
  const { rows, total, totalExact } = searchConsults(db, {
    match: fastMatchExpression(db, input.query),
    areaId: input.areaId,
    concernId: input.concernId,
    status: input.status,
    flagged: input.flagged,
    doNotTreat: input.doNotTreat,
    consentMissing: input.consentMissing,
    from: input.from,
    to: input.to,
    limit: input.limit,
    offset: input.offset,
    exactTotal: input.exactTotal
  })
  const words = searchWords(input.query)
  return { items: rows.map((row) => toItem(row, words)), total, totalExact, offset: input.offset, limit: input.limit }
}
