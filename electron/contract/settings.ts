import { z } from 'zod'
import { spellings } from '../../content/schema'

const hoursOrDays = (max: number, what: string) =>
  z
    .number({ error: `Enter ${what} as a whole number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(0, `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} can be at most ${max}.`)

const LOGO_MAX_CHARS = 400_000

export const paperSizes = ['A4', 'Letter'] as const
export type PaperSize = (typeof paperSizes)[number]

export const clinicSettingsSchema = z.strictObject({
  clinicName: z.string().trim().min(1, 'Enter the clinic’s name.').max(120, 'The name can be at most 120 characters.'),
  address: z.string().trim().max(300, 'The address can be at most 300 characters.').default(''),
  /** Printed on handouts; the handout preview asks for it while it is empty. */
  phone: z
    .string()
    .trim()
    .max(40, 'The phone number can be at most 40 characters.')
    .refine((v) => v === '' || /^[+\d][\d\s().-]*$/.test(v), {
      error: 'A phone number may hold digits, spaces, brackets, dots, dashes and a leading +.'
    })
    .default(''),
  email: z
    .string()
    .trim()
    .max(254)
    .refine((v) => v === '' || z.email().safeParse(v).success, {
      error: 'Enter an e-mail address like name@example.com.'
    })
    .default(''),
  website: z.string().trim().max(200, 'The website can be at most 200 characters.').default(''),
  /** A PNG or JPEG as a data URL, shown at the top of handouts. */
  logo: z
    .string()
    .max(LOGO_MAX_CHARS, 'The logo is too large: use an image under about 250 KB.')
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'The logo must be a PNG or JPEG image.')
    .nullable()
    .default(null),
  paperSize: z.enum(paperSizes, { error: 'Choose A4 or Letter.' }).default('A4'),
  numbingMinutes: hoursOrDays(120, 'the numbing time in minutes'),
  makeupHours: hoursOrDays(168, 'the hours without make-up'),
  activesDays: hoursOrDays(30, 'the days without strong products'),
  sweatHours: hoursOrDays(168, 'the hours without sauna or exercise'),
  poolHours: hoursOrDays(336, 'the hours without swimming pools'),
  /** The English spelling of everything patients read. */
  spelling: z.enum(spellings, { error: 'Choose UK or US spelling.' }).default('uk'),
  /** Whether the guide and handout say that insurance usually does not pay. */
  mentionInsurance: z.boolean().default(false),
  /** Minutes without a touch, click or key before the app locks itself. */
  idleLockMinutes: z
    .number({ error: 'Enter the minutes before the app locks as a whole number.' })
    .int('Enter the minutes before the app locks as a whole number.')
    .min(1, 'The app must lock after at least 1 minute.')
    .max(60, 'The app must lock after at most 60 minutes.')
    .default(5)
})

export type ClinicSettings = z.output<typeof clinicSettingsSchema>

export interface SettingsState {
  readonly settings: ClinicSettings
  /** False until the clinic has saved its details once. */
  readonly saved: boolean
}

/** Starting values; the timings follow the middle of what clinics publish (content-facts B.3, B.4). */
export const defaultSettings: ClinicSettings = {
  clinicName: '',
  address: '',
  phone: '',
  email: '',
  website: '',
  logo: null,
  paperSize: 'A4',
  numbingMinutes: 40,
  makeupHours: 24,
  activesDays: 5,
  sweatHours: 48,
  poolHours: 72,
  spelling: 'uk',
  mentionInsurance: false,
  idleLockMinutes: 5
}

export const handoutJobSchema = z.strictObject({
  /** The consult the handout is for, or null for the general handout. */
  consultId: z.uuid({ error: 'That is not a valid consult id.' }).nullable(),
  paper: z.enum(paperSizes, { error: 'Choose A4 or Letter.' })
})

export const handoutRecordSchema = handoutJobSchema.extend({ action: z.enum(['print', 'pdf']) })

export interface HandoutPrint {
  readonly id: string
  readonly consultId: string | null
  readonly action: 'print' | 'pdf'
  readonly paper: PaperSize
  readonly printedAt: string
}

export interface PdfSaved {
  /** Where the file was written, or null when the practitioner cancelled the save dialog. */
  readonly path: string | null
}
