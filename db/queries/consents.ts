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
  insert: db.prepare(`
    INSERT INTO consents (id, patient_id, consult_id, form_id, form_version, form_effective, title, scope, text, text_sha256,
      choices, method, signature, patient_name, signed_at, countersigner_id, countersigned_by, record_hash)
    VALUES (@id, @patient_id, @consult_id, @form_id, @form_version, @form_effective, @title, @scope, @text, @text_sha256,
      @choices, @method, @signature, @patient_name, @signed_at, @countersigner_id, @countersigned_by, @record_hash)`),
  byId: db.prepare('SELECT * FROM consents WHERE id = ?'),
  forConsult: db.prepare('SELECT * FROM consents WHERE consult_id = ? ORDER BY signed_at, rowid'),
  forPatient: db.prepare('SELECT * FROM consents WHERE patient_id = ? ORDER BY signed_at DESC, rowid DESC'),
  keptForPatient: db.prepare(
    "SELECT * FROM consents WHERE patient_id = ? AND scope = 'patient' AND consult_id <> ? ORDER BY signed_at, rowid"
  ),
  sameVersion: db.prepare('SELECT text_sha256 FROM consents WHERE form_id = ? AND form_version = ? LIMIT 1'),
  insertWithdrawal: db.prepare(`
    INSERT INTO consent_withdrawals (id, consent_id, withdrawn_at, reason, recorded_by, entry_hash)
    VALUES (@id, @consent_id, @withdrawn_at, @reason, @recorded_by, @entry_hash)`),
  withdrawalFor: db.prepare('SELECT * FROM consent_withdrawals WHERE consent_id = ?')
}))

export function insertConsent(db: WritableDB, consent: Consent): void {
  prepared(db).insert.run(consentToRow(consent))
}

export function getConsent(db: ReadableDB, id: string): Consent | undefined {
  const row = prepared(db).byId.get(id) as ConsentRow | undefined
  return row && rowToConsent(row)
}

/** Consents taken in a consult, oldest first. */
export const consentsTakenIn = (db: ReadableDB, consultId: string): Consent[] =>
  (prepared(db).forConsult.all(consultId) as ConsentRow[]).map(rowToConsent)

/** A patient's consents, newest first. */
export const consentsOfPatient = (db: ReadableDB, patientId: string): Consent[] =>
  (prepared(db).forPatient.all(patientId) as ConsentRow[]).map(rowToConsent)

/** The patient's consents kept on file beyond one consult (photography), taken in other consults. */
export const consentsKeptFromOtherConsults = (db: ReadableDB, patientId: string, consultId: string): Consent[] =>
  (prepared(db).keptForPatient.all(patientId, consultId) as ConsentRow[]).map(rowToConsent)

/** The text hash already signed for this form and version, if any. */
export const signedTextHash = (db: ReadableDB, formId: string, version: number): string | undefined =>
  (prepared(db).sameVersion.get(formId, version) as { text_sha256: string } | undefined)?.text_sha256

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
  const row = prepared(db).withdrawalFor.get(consentId) as WithdrawalRow | undefined
  return row ? rowToWithdrawal(row) : null
}

const stateStatements = preparedStatements((db) => ({
  rowid: db.prepare('SELECT rowid FROM consults WHERE id = ?'),
  set: db.prepare(
    'INSERT INTO consult_consent_state (consult_rowid, missing) VALUES (?, ?) ON CONFLICT (consult_rowid) DO UPDATE SET missing = excluded.missing'
  ),
  counts: db.prepare(
    'SELECT (SELECT count(*) FROM consults) AS consults, (SELECT count(*) FROM consult_consent_state) AS checked'
  ),
  unchecked: db.prepare('SELECT id FROM consults WHERE rowid NOT IN (SELECT consult_rowid FROM consult_consent_state)'),
  ofPatient: db.prepare('SELECT id FROM consults WHERE patient_id = ?')
}))

/** Records whether a consult misses a consent its plan needs. */
export function setConsentMissing(db: WritableDB, consultId: string, missing: boolean): void {
  const found = stateStatements(db).rowid.get(consultId) as { rowid: number } | undefined
  if (found) stateStatements(db).set.run(found.rowid, missing ? 1 : 0)
}

/**
 * Consults with no consent state yet. A state row is only ever made for a consult, and
 * consults are never deleted, so equal counts (two quick index counts) mean there is none.
 */
export function consultsWithoutConsentState(db: ReadableDB): string[] {
  const { consults, checked } = stateStatements(db).counts.get() as { consults: number; checked: number }
  if (consults === checked) return []
  return (stateStatements(db).unchecked.all() as { id: string }[]).map((r) => r.id)
}

export const consultIdsOfPatient = (db: ReadableDB, patientId: string): string[] =>
  (stateStatements(db).ofPatient.all(patientId) as { id: string }[]).map((r) => r.id)
