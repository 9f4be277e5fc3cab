import { createHash } from 'node:crypto'
import type { Consent, ConsentWithdrawal } from '../contract'
import { canonicalJson } from './consult-hash'

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** SHA-256 of everything a signed consent holds: the text's own hash, the choices, the signatures. */
export function hashConsent(consent: Omit<Consent, 'recordHash'>): string {
  const { id, patientId, consultId, formId, formVersion, formEffective, title, scope, text, textSha256 } = consent
  const { choices, method, signature, patientName, signedAt, countersignerId, countersignedBy } = consent
  return sha256(
    canonicalJson({
      version: 1,
      ...{ id, patientId, consultId, formId, formVersion, formEffective, title, scope, text, textSha256 },
      ...{ choices, method, signature, patientName, signedAt, countersignerId, countersignedBy }
    })
  )
}

/** SHA-256 of a withdrawal, chained to the hash of the consent it withdraws. */
export function hashWithdrawal(withdrawal: Omit<ConsentWithdrawal, 'entryHash'>, consentHash: string): string {
  const { id, consentId, withdrawnAt, reason, recordedBy } = withdrawal
  return sha256(canonicalJson({ version: 1, id, consentId, consentHash, withdrawnAt, reason, recordedBy }))
}

/** Whether the stored text, the whole record and any withdrawal still match their hashes. */
export function verifyConsent(consent: Consent, withdrawal: ConsentWithdrawal | null): 'ok' | 'mismatch' {
  const { recordHash, ...rest } = consent
  const intact =
    sha256(consent.text) === consent.textSha256 &&
    hashConsent(rest) === recordHash &&
    (withdrawal === null || hashWithdrawal(withdrawal, recordHash) === withdrawal.entryHash)
  return intact ? 'ok' : 'mismatch'
}
