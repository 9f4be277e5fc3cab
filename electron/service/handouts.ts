import { getConsult } from '../../db/queries/consults'
import { insertHandoutPrint } from '../../db/queries/handout-prints'
import { getPatient } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import { ServiceError, type HandoutPrint, type PaperSize, type PdfSaved } from '../contract'

/** Printing from the app's own window: only the Electron main process can do it. */
export interface HandoutPrinter {
  /** Opens the system print dialog for `sender`: true once printed, false when cancelled. */
  print(sender: unknown, paper: PaperSize): Promise<boolean>
  /** Asks where to save, writes the PDF, and returns the path (null when cancelled). */
  savePdf(sender: unknown, paper: PaperSize, suggestedName: string): Promise<string | null>
}

const noPrinter = () =>
  new ServiceError('unsupported', 'Printing from here works in the desktop app. In a browser, use the browser’s own Print.')

function requireConsultIfGiven(db: WritableDB, consultId: string | null): void {
  if (consultId !== null && !getConsult(db, consultId)) {
    throw new ServiceError('not_found', 'That consult could not be found.')
  }
}

export function recordHandout(
  db: WritableDB,
  consultId: string | null,
  action: 'print' | 'pdf',
  paper: PaperSize
): HandoutPrint {
  requireConsultIfGiven(db, consultId)
  return insertHandoutPrint(db, consultId, action, paper)
}

export async function printHandout(
  db: WritableDB,
  printer: HandoutPrinter | undefined,
  sender: unknown,
  consultId: string | null,
  paper: PaperSize
): Promise<HandoutPrint | null> {
  if (!printer) throw noPrinter()
  requireConsultIfGiven(db, consultId)
  return (await printer.print(sender, paper)) ? insertHandoutPrint(db, consultId, 'print', paper) : null
}

export async function saveHandoutPdf(
  db: WritableDB,
  printer: HandoutPrinter | undefined,
  sender: unknown,
  consultId: string | null,
  paper: PaperSize
): Promise<PdfSaved> {
  if (!printer) throw noPrinter()
  requireConsultIfGiven(db, consultId)
  const consult = consultId ? getConsult(db, consultId) : undefined
  const patient = consult ? getPatient(db, consult.patientId)?.fullName : undefined
  const name = patient
    ? `Microneedling plan - ${patient} - ${consult!.consultedAt.slice(0, 10)}.pdf`
    : 'Microneedling - what to know.pdf'
  const path = await printer.savePdf(sender, paper, name.replace(/[\\/:*?"<>|]/g, ''))
  if (path !== null) insertHandoutPrint(db, consultId, 'pdf', paper)
  return { path }
}
