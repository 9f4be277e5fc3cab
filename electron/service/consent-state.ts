import content from 'virtual:content'
import { consentsKeptFromOtherConsults, consentsTakenIn, withdrawalFor } from '../../db/queries/consents'
import { consultIdsOfPatient, setConsentMissing } from '../../db/queries/consent-state'
import { getConsult } from '../../db/queries/consults'
import type { ReadableDB, WritableDB } from '../../db/types'
import { missingForms, type Consent, type Consult, type ConsentSummary } from '../contract'
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
export function refreshConsentState(db: WritableDB, consult: Consult): void {
  const missing = missingForms(
    content.consent,
    consult.plan,
    consentsOnFile(db, consult.id, consult.patientId),
    consult.id
  )
  setConsentMissing(db, consult.id, missing.length > 0)
}

/** After a patient's consents change, every consult of theirs may gain or lose a gap. */
export function refreshPatientConsentState(db: WritableDB, patientId: string): void {
  for (const id of consultIdsOfPatient(db, patientId)) {
    const consult = getConsult(db, id)
    if (consult) refreshConsentState(db, consult)
  }
}
