import { labelOf } from '../../../content/labels'
import type { Content } from '../../../content/schema'
import type { ExportedConsult } from '../../../electron/contract'
import { EXPORT_FORMAT, EXPORT_VERSION } from '../../../electron/contract/export-format'

/** The JSON export: complete and versioned, so it can be imported again. */
export function exportJson(items: readonly ExportedConsult[], now = new Date()): string {
  return JSON.stringify(
    { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), items },
    null,
    2
  )
}

/**
 * One CSV cell. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * would run as a formula in a spreadsheet, so it gets a leading `'` (OWASP's rule for CSV
 * injection); then it is quoted if it needs to be.
 */
export const csvCell = (value: string | number | null): string => {
  const raw = value === null ? '' : String(value)
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The CSV export: one row per consult, for a spreadsheet. */
export function exportCsv(content: Content, items: readonly ExportedConsult[]): string {
  const header = [
    'consult id',
    'patient',
    'date of birth',
    'consulted at',
    'practitioner',
    'status',
    'signed by',
    'signed at',
    'areas',
    'concerns',
    'flagged screening',
    'sessions',
    'weeks apart',
    'notes',
    'amendments'
  ]
  const rows = items.map(({ consult, patient, amendments }) => [
    consult.id,
    patient.fullName,
    patient.dateOfBirth,
    consult.consultedAt,
    consult.practitioner,
    consult.status,
    consult.signedBy,
    consult.signedAt,
    consult.areas.map((a) => labelOf(content.areas, a.areaId)).join('; '),
    [...new Set(consult.areas.flatMap((a) => a.concerns))].map((id) => labelOf(content.concerns, id)).join('; '),
    consult.screening
      .filter((a) => a.answer && content.screening.find((q) => q.id === a.questionId)?.flagOn.includes(a.answer))
      .map((a) => a.questionId)
      .join('; '),
    consult.plan.sessions,
    consult.plan.intervalWeeks,
    consult.notes,
    amendments.map((a) => `${a.createdAt} ${a.author}: ${a.text}`).join(' | ')
  ])
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** Reads an export file back, refusing anything that is not one; the items are checked by the contract. */
export function readExport(text: string): unknown[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error('That file is not a Microneedling Consult export (it is not JSON).')
  }
  const file = data as { format?: unknown; version?: unknown; items?: unknown }
  if (file?.format !== EXPORT_FORMAT || !Array.isArray(file.items)) {
    throw new Error('That file is not a Microneedling Consult export.')
  }
  if (typeof file.version === 'number' && Number.isInteger(file.version) && file.version > EXPORT_VERSION) {
    throw new Error('That export was made by a newer version of the app; update the app to import it.')
  }
  if (!Number.isInteger(file.version) || (file.version as number) < 1) {
    throw new Error('That export file has no valid version number, so it cannot be imported.')
  }
  return file.items as unknown[]
}

/** Offers `data` as a file download (the desktop app asks where to save it). */
export function download(name: string, data: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const link = Object.assign(document.createElement('a'), { href: url, download: name })
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
