import { z } from 'zod'

/**
 * Text that SQLite's checks read as written: no NUL characters, which SQLite's `length()`
 * and `trim()` stop at, so "\0x" would pass the schema and then fail a CHECK.
 */
export const withoutNul = <T extends z.ZodString>(schema: T, what: string) =>
  schema.refine((value) => !value.includes('\u0000'), { error: `${what} cannot contain a NUL character.` })

/** A name (of a clinic, a practitioner, a patient): required, trimmed, at most `max` characters. */
export const nameText = (max: number, missing: string) =>
  withoutNul(
    z.string({ error: missing }).trim().min(1, missing).max(max, `The name can be at most ${max} characters.`),
    'The name'
  )

/** A phone number, or '' when none is given: digits, spaces, brackets, dots, dashes and a leading +. */
export const phoneText = z
  .string()
  .trim()
  .max(40, 'The phone number can be at most 40 characters.')
  .refine((value) => value === '' || /^[+\d][\d\s().-]*$/.test(value), {
    error: 'A phone number may hold digits, spaces, brackets, dots, dashes and a leading +.'
  })

/** An e-mail address, or '' when none is given. */
export const emailText = z
  .string()
  .trim()
  .max(254, 'The e-mail address is too long.')
  .refine((value) => value === '' || z.email().safeParse(value).success, {
    error: 'Enter an e-mail address like name@example.com.'
  })

/** Whether `value` is a real calendar date written year-month-day (as SQLite's `date()` writes one). */
export function isIsoDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}
