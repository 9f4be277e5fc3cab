const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' })
const numberFormat = new Intl.NumberFormat()

/** A calendar date held as YYYY-MM-DD, in the user's locale. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`))
}

/** A moment held as an ISO timestamp, in the user's locale and time zone. */
export function formatDateTime(isoTimestamp: string): string {
  return dateTimeFormat.format(new Date(isoTimestamp))
}

/** A moment in the short form a table column can hold on one line. */
export function formatShortDateTime(isoTimestamp: string): string {
  return shortDateTimeFormat.format(new Date(isoTimestamp))
}

/** A count with the locale's digit grouping (20,000). */
export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

export function ageOn(isoDate: string, today = new Date()): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number]
  let age = today.getFullYear() - year
  if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) age--
  return age
}

export const skinTypes = [
  { value: 1, numeral: 'I', description: 'always burns, never tans' },
  { value: 2, numeral: 'II', description: 'usually burns, tans with difficulty' },
  { value: 3, numeral: 'III', description: 'sometimes burns, tans gradually' },
  { value: 4, numeral: 'IV', description: 'rarely burns, tans easily' },
  { value: 5, numeral: 'V', description: 'very rarely burns, tans darkly' },
  { value: 6, numeral: 'VI', description: 'never burns, deeply pigmented' }
] as const

export function skinTypeLabel(value: number): string {
  const type = skinTypes.find((t) => t.value === value)
  return type ? `Type ${type.numeral} — ${type.description}` : `Type ${value}`
}
