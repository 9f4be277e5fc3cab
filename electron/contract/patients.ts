import { z } from 'zod'
import { emailText, isIsoDate, nameText, phoneText } from './text'

/** Empty form fields arrive as '' and are stored as null. */
const emptyAsNull = (value: string | null | undefined) => (value ? value : null)

function localToday(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export const dateOfBirthSchema = z
  .string()
  .trim()
  .nullish()
  .transform(emptyAsNull)
  .refine((value) => value === null || isIsoDate(value), {
    error: 'Enter the date of birth as a real date (year-month-day).'
  })
  .refine((value) => value === null || value <= localToday(), {
    error: 'The date of birth cannot be in the future.'
  })
  .refine((value) => value === null || value >= '1900-01-01', {
    error: 'The date of birth must be in 1900 or later.'
  })

export const fitzpatrickSchema = z
  .number({ error: 'Choose a skin type from I to VI.' })
  .int('Choose a skin type from I to VI.')
  .min(1, 'Choose a skin type from I to VI.')
  .max(6, 'Choose a skin type from I to VI.')
  .nullish()
  .transform((value) => value ?? null)

export const newPatientSchema = z.strictObject({
  fullName: nameText(200, "Enter the patient's full name."),
  dateOfBirth: dateOfBirthSchema,
  phone: phoneText.nullish().transform(emptyAsNull),
  email: emailText.nullish().transform(emptyAsNull),
  fitzpatrick: fitzpatrickSchema,
  notes: z.string().trim().max(2000, 'The notes can be at most 2,000 characters.').nullish().transform(emptyAsNull)
})

/** A patient's details as edited: every field of a new patient, for the patient with this id. */
export const patientUpdateSchema = newPatientSchema.extend({
  id: z.uuid({ error: 'That is not a patient id.' })
})

export const patientIdSchema = z.strictObject({
  id: z.uuid({ error: 'That is not a patient id.' })
})

export const patientSearchSchema = z.strictObject({
  query: z.string().max(200, 'Search for at most 200 characters.').default(''),
  limit: z.number().int().min(1).max(200).default(50),
  /** How many matches to skip, for the next page of a long list. */
  offset: z.number().int().min(0).default(0)
})

/** How many patients match: exact up to 1,000; past that `exact` is false and `total` is 1,000 ("1,000+"). */
export interface PatientCount {
  readonly total: number
  readonly exact: boolean
}

export const patientCountSchema = z.strictObject({
  query: z.string().max(200, 'Search for at most 200 characters.').default('')
})

export type NewPatient = z.input<typeof newPatientSchema>
export type PatientUpdate = z.input<typeof patientUpdateSchema>

export interface Patient {
  readonly id: string
  readonly fullName: string
  /** YYYY-MM-DD */
  readonly dateOfBirth: string | null
  readonly phone: string | null
  readonly email: string | null
  /** Fitzpatrick skin type, 1 (I) to 6 (VI). */
  readonly fitzpatrick: number | null
  readonly notes: string | null
  readonly createdAt: string
  readonly updatedAt: string
}
