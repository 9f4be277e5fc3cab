import content from 'virtual:content'
import { labelOf } from '../../content/labels'
import { amendmentsFor } from '../../db/queries/amendments'
import { areaIdsOf, getConsult } from '../../db/queries/consults'
import { indexConsult } from '../../db/queries/search-index'
import { fastMatchExpression, searchConsults, searchWords, type SearchRow } from '../../db/queries/consult-search'
import { dequeueReindex, queuedForReindex, reindexWaiting } from '../../db/queries/reindex-queue'
import { getPatient } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import type { ConsultListItem, ConsultPage } from '../contract'
import { refreshConsentState } from './consent-state'
import { highlighter, type Highlighter } from './highlight'
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
  refreshConsentState(db, consult)
}

/**
 * Brings the search entries, tags and consent states of queued consults (saved drafts) up
 * to date, in one durable transaction; returns how many. Anything that reads them calls
 * this first, so a search never misses a save; the service also runs it just after a save.
 */
export function catchUpIndex(db: WritableDB): number {
  if (!reindexWaiting(db)) return 0
  return db
    .transaction(() => {
      const waiting = queuedForReindex(db)
      for (const { consult_rowid, id } of waiting) {
        reindexConsult(db, id)
        dequeueReindex(db, consult_rowid)
      }
      return waiting.length
    })
    .immediate()
}

function toItem(row: SearchRow, highlight: Highlighter): ConsultListItem {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: highlight.mark(row.patient_name),
    consultedAt: row.consulted_at,
    practitioner: row.practitioner,
    areaIds: areaIdsOf(row.areas),
    status: row.status,
    flagCount: row.flag_count,
    doNotTreatCount: row.do_not_treat_count,
    snippet: highlight.snippet([row.notes, row.amendments, row.concerns])
  }
}

export function findConsults(db: WritableDB, input: z.output<typeof consultSearchSchema>): ConsultPage {
  catchUpIndex(db)
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
  const highlight = highlighter(searchWords(input.query))
  return {
    items: rows.map((row) => toItem(row, highlight)),
    total,
    totalExact,
    offset: input.offset,
    limit: input.limit
  }
}
