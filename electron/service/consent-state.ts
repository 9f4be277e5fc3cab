import content from 'virtual:content'
import { consentsKeptFromOtherConsults, consentsTakenIn, withdrawalFor } from '../../db/queries/consents'
import { consultIdsOfPatient, consultsWithoutConsentState, setConsentMissing } from '../../db/queries/consent-state'
import { getConsult } from '../../db/queries/consults'
import type { ReadableDB, WritableDB } from '../../db/types'
import { missingForms, type Consent, type ConsentSummary } from '../contract'
import { verifyConsent } from './consent-hash'

export function summarise(db: ReadableDB, consent: Consent): ConsentSummary {
  const withdrawal = withdrawalFor(db, consent.id)
  const {
    id,
    patientId,
    consultId,
    formId,
    formVersion,
    title,
    scope,
    signedAt,
    patientName,
    countersignedBy,
    method
  } = consent
  return {
    ...{ id, patientId, consultId, formId, formVersion, title, scope, signedAt, patientName, countersignedBy, method },
    withdrawnAt: withdrawal?.withdrawnAt ?? null,
    integrity: verifyConsent(consent, withdrawal)
  }
}

/** The consents taken in a consult, and the patient's consents kept on file from other consults. */
export function consentsOnFile(db: ReadableDB, consultId: string, patientId: string): ConsentSummary[] {
  return [...consentsTakenIn(db, consultId), ...consentsKeptFromOtherConsults(db, patientId, consultId)].map((c) =>
    summarise(db, c)
  )
}

/** Rewrites whether a consult misses a consent its plan needs; call inside the writing transaction. */
export function refreshConsentState(db: WritableDB, consultId: string): void {
  const consult = getConsult(db, consultId)
  if (!consult) return
  const missing = missingForms(
    content.consent,
    consult.plan,
    consentsOnFile(db, consultId, consult.patientId),
    consultId
  )
  setConsentMissing(db, consultId, missing.length > 0)
}

/** After a patient's consents change, every consult of theirs may gain or lose a gap. */
export function refreshPatientConsentState(db: WritableDB, patientId: string): void {
  for (const id of consultIdsOfPatient(db, patientId)) refreshConsentState(db, id)
}

/** Checks consults never checked (first start after the upgrade that added consents). */
export function checkUncheckedConsults(db: WritableDB): number {
  const unchecked = consultsWithoutConsentState(db)
  if (unchecked.length > 0) db.transaction(() => unchecked.forEach((id) => refreshConsentState(db, id)))()
  return unchecked.length
}
