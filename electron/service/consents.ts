import content from 'virtual:content'
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { appendAudit } from '../../db/queries/audit-log'
import {
  consentsOfPatient,
  getConsent,
  insertConsent,
  insertWithdrawal,
  signedTextHash,
  withdrawalFor
} from '../../db/queries/consents'
import { getConsult } from '../../db/queries/consults'
import { getPatient } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import {
  covers,
  ServiceError,
  type Consent,
  type ConsentRecord,
  type ConsentSummary,
  type ConsentWithdrawal,
  type PaperSize,
  type PdfSaved,
  type PhotographyConsent,
  type Practitioner,
  type signConsentSchema
} from '../contract'
import { hashConsent, hashWithdrawal, sha256, verifyConsent } from './consent-hash'
import { consentsOnFile, refreshPatientConsentState, summarise } from './consent-state'
import type { HandoutPrinter } from './handouts'

export type SignConsentInput = Omit<z.output<typeof signConsentSchema>, 'practitionerId' | 'pin'>

const notFound = () => new ServiceError('not_found', 'That consent could not be found.')

function requireConsent(db: WritableDB, id: string): Consent {
  const consent = getConsent(db, id)
  if (!consent) throw notFound()
  return consent
}

/** How the audit log names a consent: which form, whose, and when. */
const consentSubject = (consent: Consent) =>
  `${consent.title} (version ${consent.formVersion}) of ${consent.patientName}, ${consent.signedAt.slice(0, 10)} (${consent.id})`

export function consentRecord(db: WritableDB, consent: Consent): ConsentRecord {
  const withdrawal = withdrawalFor(db, consent.id)
  return {
    consent,
    withdrawal,
    integrity: verifyConsent(consent, withdrawal),
    consultedAt: getConsult(db, consent.consultId)?.consultedAt ?? consent.signedAt
  }
}

export const getConsentRecord = (db: WritableDB, id: string): ConsentRecord => consentRecord(db, requireConsent(db, id))

export function consentsForConsult(db: WritableDB, consultId: string): ConsentSummary[] {
  const consult = getConsult(db, consultId)
  if (!consult) throw new ServiceError('not_found', 'That consult could not be found.')
  return consentsOnFile(db, consultId, consult.patientId)
}

export function consentsForPatient(db: WritableDB, patientId: string): ConsentSummary[] {
  if (!getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  return consentsOfPatient(db, patientId).map((c) => summarise(db, c))
}

/**
 * Stores a consent the patient signed and `signer` countersigned (the caller has checked
 * the PIN). The text stored is the form's text in this build, and only if it is the text
 * the patient's screen showed (by its hash).
 */
export function signConsent(
  db: WritableDB,
  input: SignConsentInput,
  signer: Practitioner,
  now = new Date()
): ConsentRecord {
  const form = content.consent.find((f) => f.id === input.formId)!
  const textSha256 = sha256(form.text)
  if (form.version !== input.formVersion || textSha256 !== input.textSha256) {
    throw new ServiceError(
      'conflict',
      'This form changed while it was on screen. Close the consent screen and open it again.'
    )
  }
  const unanswered = form.choices.filter((c) => typeof input.choices[c.id] !== 'boolean')
  if (unanswered.length > 0) {
    const fields = Object.fromEntries(unanswered.map((c) => [`choices.${c.id}`, 'Choose yes or no.']))
    throw new ServiceError('invalid_input', 'Answer yes or no to each question.', fields)
  }
  return db
    .transaction(() => {
      const consult = getConsult(db, input.consultId)
      if (!consult) throw new ServiceError('not_found', 'That consult could not be found.')
      const earlier = signedTextHash(db, form.id, form.version)
      if (earlier !== undefined && earlier !== textSha256) {
        throw new ServiceError(
          'conflict',
          `The wording of “${form.title}” changed but its version did not. Raise the version in content/consent/ before signing, so signed copies stay distinct.`
        )
      }
      if (consentsOnFile(db, consult.id, consult.patientId).some((c) => covers(c, form, consult.id))) {
        throw new ServiceError('conflict', `“${form.title}” is already signed and on file.`)
      }
      const unsigned: Omit<Consent, 'recordHash'> = {
        id: randomUUID(),
        patientId: consult.patientId,
        consultId: consult.id,
        formId: form.id,
        formVersion: form.version,
        formEffective: form.effective,
        title: form.title,
        scope: form.scope,
        text: form.text,
        textSha256,
        choices: form.choices.map((c) => ({ id: c.id, question: c.question, answer: input.choices[c.id]! })),
        method: input.signature ? 'drawn' : 'typed',
        signature: input.signature,
        patientName: input.patientName,
        signedAt: now.toISOString(),
        countersignerId: signer.id,
        countersignedBy: signer.name
      }
      const consent: Consent = { ...unsigned, recordHash: hashConsent(unsigned) }
      insertConsent(db, consent)
      refreshPatientConsentState(db, consult.patientId)
      appendAudit(
        db,
        { action: 'signed-consent', actor: signer.name, subject: consentSubject(consent), detail: consent.method },
        now
      )
      return consentRecord(db, consent)
    })
    .immediate()
}

/** Appends a dated withdrawal, recorded by `signer` (the caller has checked the PIN). */
export function withdrawConsent(
  db: WritableDB,
  id: string,
  reason: string,
  signer: Practitioner,
  now = new Date()
): ConsentRecord {
  return db
    .transaction(() => {
      const consent = requireConsent(db, id)
      if (withdrawalFor(db, id)) throw new ServiceError('conflict', 'This consent is already withdrawn.')
      const entry: Omit<ConsentWithdrawal, 'entryHash'> = {
        id: randomUUID(),
        consentId: id,
        withdrawnAt: now.toISOString(),
        reason,
        recordedBy: signer.name
      }
      insertWithdrawal(db, { ...entry, entryHash: hashWithdrawal(entry, consent.recordHash) })
      refreshPatientConsentState(db, consent.patientId)
      appendAudit(
        db,
        {
          action: 'withdrew-consent',
          actor: signer.name,
          subject: consentSubject(consent),
          detail: reason.slice(0, 200)
        },
        now
      )
      return consentRecord(db, consent)
    })
    .immediate()
}

const photoFormIds = new Set(content.consent.filter((f) => f.when === 'photos').map((f) => f.id))

/** The patient's newest photography consent that is not withdrawn and still matches its hash, or null. */
export function photographyConsent(db: WritableDB, patientId: string): PhotographyConsent | null {
  if (!getPatient(db, patientId)) throw new ServiceError('not_found', 'That patient could not be found.')
  const consent = consentsOfPatient(db, patientId).find(
    (c) => photoFormIds.has(c.formId) && !withdrawalFor(db, c.id) && verifyConsent(c, null) === 'ok'
  )
  if (!consent) return null
  return {
    consentId: consent.id,
    signedAt: consent.signedAt,
    choices: Object.fromEntries(consent.choices.map((c) => [c.id, c.answer]))
  }
}

/** Whether photos may be kept in the patient's clinical record: a photography consent with that choice answered yes. */
export const photosForClinicalRecordAllowed = (db: WritableDB, patientId: string): boolean =>
  photographyConsent(db, patientId)?.choices['clinical-record'] === true

function logConsentPrint(db: WritableDB, consent: Consent, action: 'print' | 'pdf', paper: PaperSize): void {
  appendAudit(db, {
    action: action === 'pdf' ? 'saved-consent-pdf' : 'printed-consent',
    actor: consent.countersignedBy,
    subject: consentSubject(consent),
    detail: paper
  })
}

const noPrinter = () =>
  new ServiceError(
    'unsupported',
    'Printing from here works in the desktop app. In a browser, use the browser’s own Print.'
  )

export function recordConsentPrint(db: WritableDB, id: string, action: 'print' | 'pdf', paper: PaperSize): null {
  logConsentPrint(db, requireConsent(db, id), action, paper)
  return null
}

export async function printConsent(
  db: WritableDB,
  printer: HandoutPrinter | undefined,
  sender: unknown,
  id: string,
  paper: PaperSize
): Promise<boolean> {
  if (!printer) throw noPrinter()
  const consent = requireConsent(db, id)
  const printed = await printer.print(sender, paper)
  if (printed) logConsentPrint(db, consent, 'print', paper)
  return printed
}

export async function saveConsentPdf(
  db: WritableDB,
  printer: HandoutPrinter | undefined,
  sender: unknown,
  id: string,
  paper: PaperSize
): Promise<PdfSaved> {
  if (!printer) throw noPrinter()
  const consent = requireConsent(db, id)
  const name = `${consent.title} - ${consent.patientName} - ${consent.signedAt.slice(0, 10)}.pdf`.replace(
    /[\\/:*?"<>|]/g,
    ''
  )
  const path = await printer.savePdf(sender, paper, name)
  if (path !== null) logConsentPrint(db, consent, 'pdf', paper)
  return { path }
}

/** Leaving the patient-facing consent screen, recorded with who ended it. */
export function leftConsentScreen(db: WritableDB, signer: Practitioner): null {
  appendAudit(db, { action: 'left-consent-screen', actor: signer.name, subject: 'consent signing', detail: '' })
  return null
}
