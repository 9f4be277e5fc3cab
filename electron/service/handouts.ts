import { getConsult } from '../../db/queries/consults'
import { appendAudit } from '../../db/queries/audit-log'
import { insertHandoutPrint } from '../../db/queries/handout-prints'
import { getPatient } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import { ServiceError, type HandoutPrint, type PaperSize, type PdfSaved } from '../contract'
import { consultSubject } from './consults'
import { getSettings } from './settings'

/** Printing from the app's own window: only the Electron main process can do it. */
export interface HandoutPrinter {
  /** Opens the system print dialog for `sender`: true once printed, false when cancelled. */
  print(sender: unknown, paper: PaperSize): Promise<boolean>
  /** Asks where to save, writes the PDF, and returns the path (null when cancelled). */
  savePdf(sender: unknown, paper: PaperSize, suggestedName: string): Promise<string | null>
}

const noPrinter = () =>
  new ServiceError(
    'unsupported',
    'Printing from here works in the desktop app. In a browser, use the browser’s own Print.'
  )

/** A handout tells the patient to call the clinic if something goes wrong: it needs the number. */
export const NO_PHONE_MESSAGE =
  'Add the clinic’s phone number in Settings first: the handout tells patients to call it if something goes wrong.'

/** What every print needs: the consult (if any) and the clinic's phone number. */
function requirePrintable(db: WritableDB, consultId: string | null): void {
  if (consultId !== null && !getConsult(db, consultId)) {
    throw new ServiceError('not_found', 'That consult could not be found.')
  }
  if (!getSettings(db).settings.phone) throw new ServiceError('forbidden', NO_PHONE_MESSAGE)
}

/** Stores the print on the consult (if any) and in the audit log. */
function logPrint(db: WritableDB, consultId: string | null, action: 'print' | 'pdf', paper: PaperSize): HandoutPrint {
  const print = insertHandoutPrint(db, consultId, action, paper)
  const consult = consultId ? getConsult(db, consultId) : undefined
  appendAudit(db, {
    action: action === 'pdf' ? 'saved-pdf' : 'printed',
    actor: consult?.practitioner || 'Clinic',
    subject: consult ? `handout for the ${consultSubject(db, consult)}` : 'general handout',
    detail: paper
  })
  return print
}

export function recordHandout(
  db: WritableDB,
  consultId: string | null,
  action: 'print' | 'pdf',
  paper: PaperSize
): HandoutPrint {
  requirePrintable(db, consultId)
  return logPrint(db, consultId, action, paper)
}

export async function printHandout(
  db: WritableDB,
  printer: HandoutPrinter | undefined,
  sender: unknown,
  consultId: string | null,
  paper: PaperSize
): Promise<HandoutPrint | null> {
  if (!printer) throw noPrinter()
  requirePrintable(db, consultId)
  return (await printer.print(sender, paper)) ? logPrint(db, consultId, 'print', paper) : null
}

export async function saveHandoutPdf(
  db: WritableDB,
  printer: HandoutPrinter | undefined,
  sender: unknown,
  consultId: string | null,
  paper: PaperSize
): Promise<PdfSaved> {
  if (!printer) throw noPrinter()
  requirePrintable(db, consultId)
  const consult = consultId ? getConsult(db, consultId) : undefined
  const patient = consult ? getPatient(db, consult.patientId)?.fullName : undefined
  const name = patient
    ? `Microneedling plan - ${patient} - ${consult!.consultedAt.slice(0, 10)}.pdf`
    : 'Microneedling - what to know.pdf'
  const path = await printer.savePdf(sender, paper, name.replace(/[\\/:*?"<>|]/g, ''))
  if (path !== null) logPrint(db, consultId, 'pdf', paper)
  return { path }
}
