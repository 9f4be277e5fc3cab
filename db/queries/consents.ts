import type { Consent, ConsentChoice, ConsentWithdrawal, DrawnSignature } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** A `consents` row exactly as SQLite holds it. */
export type ConsentRow = Readonly<{
  id: string
  patient_id: string
  consult_id: string
  form_id: string
  form_version: number
  form_effective: string
  title: string
  scope: 'consult' | 'patient'
  text: string
  text_sha256: string
  choices: string
  method: 'drawn' | 'typed'
  signature: string | null
  patient_name: string
  signed_at: string
  countersigner_id: string
  countersigned_by: string
  record_hash: string
}>

type WithdrawalRow = Readonly<{
  id: string
  consent_id: string
  withdrawn_at: string
  reason: string
  recorded_by: string
  entry_hash: string
}>

export const rowToConsent = (row: ConsentRow): Consent => ({
  id: row.id,
  patientId: row.patient_id,
  consultId: row.consult_id,
  formId: row.form_id,
  formVersion: row.form_version,
  formEffective: row.form_effective,
  title: row.title,
  scope: row.scope,
  text: row.text,
  textSha256: row.text_sha256,
  choices: JSON.parse(row.choices) as ConsentChoice[],
  method: row.method,
  signature: row.signature === null ? null : (JSON.parse(row.signature) as DrawnSignature),
  patientName: row.patient_name,
  signedAt: row.signed_at,
  countersignerId: row.countersigner_id,
  countersignedBy: row.countersigned_by,
  recordHash: row.record_hash
})

const consentToRow = (c: Consent): ConsentRow => ({
  id: c.id,
  patient_id: c.patientId,
  consult_id: c.consultId,
  form_id: c.formId,
  form_version: c.formVersion,
  form_effective: c.formEffective,
  title: c.title,
  scope: c.scope,
  text: c.text,
  text_sha256: c.textSha256,
  choices: JSON.stringify(c.choices),
  method: c.method,
  signature: c.signature === null ? null : JSON.stringify(c.signature),
  patient_name: c.patientName,
  signed_at: c.signedAt,
  countersigner_id: c.countersignerId,
  countersigned_by: c.countersignedBy,
  record_hash: c.recordHash
})

const rowToWithdrawal = (row: WithdrawalRow): ConsentWithdrawal => ({
  id: row.id,
  consentId: row.consent_id,
  withdrawnAt: row.withdrawn_at,
  reason: row.reason,
  recordedBy: row.recorded_by,
  entryHash: row.entry_hash
})

const prepared = preparedStatements((db) => ({
  insert: db.prepare<ConsentRow>(`
    INSERT INTO consents (id, patient_id, consult_id, form_id, form_version, form_effective, title, scope, text, text_sha256,
      choices, method, signature, patient_name, signed_at, countersigner_id, countersigned_by, record_hash)
    VALUES (@id, @patient_id, @consult_id, @form_id, @form_version, @form_effective, @title, @scope, @text, @text_sha256,
      @choices, @method, @signature, @patient_name, @signed_at, @countersigner_id, @countersigned_by, @record_hash)`),
  byId: db.prepare<[id: string], ConsentRow>('SELECT * FROM consents WHERE id = ?'),
  forConsult: db.prepare<[consultId: string], ConsentRow>(
    'SELECT * FROM consents WHERE consult_id = ? ORDER BY signed_at, rowid'
  ),
  forPatient: db.prepare<[patientId: string], ConsentRow>(
    'SELECT * FROM consents WHERE patient_id = ? ORDER BY signed_at DESC, rowid DESC'
  ),
  keptForPatient: db.prepare<[patientId: string, consultId: string], ConsentRow>(
    "SELECT * FROM consents WHERE patient_id = ? AND scope = 'patient' AND consult_id <> ? ORDER BY signed_at, rowid"
  ),
  sameVersion: db
    .prepare<[formId: string, version: number], string>(
      'SELECT text_sha256 FROM consents WHERE form_id = ? AND form_version = ? LIMIT 1'
    )
    .pluck(),
  insertWithdrawal: db.prepare<WithdrawalRow>(`
    INSERT INTO consent_withdrawals (id, consent_id, withdrawn_at, reason, recorded_by, entry_hash)
    VALUES (@id, @consent_id, @withdrawn_at, @reason, @recorded_by, @entry_hash)`),
  withdrawalFor: db.prepare<[consentId: string], WithdrawalRow>(
    'SELECT * FROM consent_withdrawals WHERE consent_id = ?'
  )
}))

export function insertConsent(db: WritableDB, consent: Consent): void {
  prepared(db).insert.run(consentToRow(consent))
}

export function getConsent(db: ReadableDB, id: string): Consent | undefined {
  const row = prepared(db).byId.get(id)
  return row && rowToConsent(row)
}

/** Consents taken in a consult, oldest first. */
export const consentsTakenIn = (db: ReadableDB, consultId: string): Consent[] =>
  prepared(db).forConsult.all(consultId).map(rowToConsent)

/** A patient's consents, newest first. */
export const consentsOfPatient = (db: ReadableDB, patientId: string): Consent[] =>
  prepared(db).forPatient.all(patientId).map(rowToConsent)

/** The patient's consents kept on file beyond one consult (photography), taken in other consults. */
export const consentsKeptFromOtherConsults = (db: ReadableDB, patientId: string, consultId: string): Consent[] =>
  prepared(db).keptForPatient.all(patientId, consultId).map(rowToConsent)

/** The text hash already signed for this form and version, if any. */
export const signedTextHash = (db: ReadableDB, formId: string, version: number): string | undefined =>
  prepared(db).sameVersion.get(formId, version)

export function insertWithdrawal(db: WritableDB, withdrawal: ConsentWithdrawal): void {
  prepared(db).insertWithdrawal.run({
    id: withdrawal.id,
    consent_id: withdrawal.consentId,
    withdrawn_at: withdrawal.withdrawnAt,
    reason: withdrawal.reason,
    recorded_by: withdrawal.recordedBy,
    entry_hash: withdrawal.entryHash
  })
}

export function withdrawalFor(db: ReadableDB, consentId: string): ConsentWithdrawal | null {
  const row = prepared(db).withdrawalFor.get(consentId)
  return row ? rowToWithdrawal(row) : null
}
