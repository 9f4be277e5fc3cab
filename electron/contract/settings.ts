import { z } from 'zod'
import { spellings } from '../../content/lists'
import {
  LOGO_MAX_CHARS,
  paperSizes,
  settingsMessages,
  settingsTextMax,
  timingMax,
  type PaperSize
} from './settings-values'
import { emailText, nameText, phoneText } from './text'

const hoursOrDays = (max: number, what: string) =>
  z
    .number({ error: `Enter ${what} as a whole number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(0, `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} can be at most ${max}.`)

/** The clinic's name: asked at first run and kept in the settings. */
export const clinicNameText = nameText(settingsTextMax.clinicName, 'Enter the clinic’s name.')

export const clinicSettingsSchema = z.strictObject({
  clinicName: clinicNameText,
  address: z
    .string()
    .trim()
    .max(settingsTextMax.address, `The address can be at most ${settingsTextMax.address} characters.`)
    .default(''),
  /** Printed on handouts; the handout preview asks for it while it is empty. */
  phone: phoneText.default(''),
  email: emailText.default(''),
  website: z
    .string()
    .trim()
    .max(settingsTextMax.website, `The website can be at most ${settingsTextMax.website} characters.`)
    .default(''),
  /** A PNG or JPEG as a data URL, shown at the top of handouts. */
  logo: z
    .string()
    .max(LOGO_MAX_CHARS, settingsMessages.logoSize)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, settingsMessages.logoType)
    .nullable()
    .default(null),
  paperSize: z.enum(paperSizes, { error: 'Choose A4 or Letter.' }).default('A4'),
  numbingMinutes: hoursOrDays(timingMax.numbingMinutes, 'the numbing time in minutes'),
  makeupHours: hoursOrDays(timingMax.makeupHours, 'the hours without make-up'),
  activesDays: hoursOrDays(timingMax.activesDays, 'the days without strong products'),
  sweatHours: hoursOrDays(timingMax.sweatHours, 'the hours without sauna or exercise'),
  poolHours: hoursOrDays(timingMax.poolHours, 'the hours without swimming pools'),
  /** The English spelling of everything patients read. */
  spelling: z.enum(spellings, { error: 'Choose UK or US spelling.' }).default('uk'),
  /** Whether the guide and handout say that insurance usually does not pay. */
  mentionInsurance: z.boolean().default(false),
  /** Minutes without a touch, click or key before the app locks itself. */
  idleLockMinutes: z
    .number({ error: 'Enter the minutes before the app locks as a whole number.' })
    .int('Enter the minutes before the app locks as a whole number.')
    .min(1, 'The app must lock after at least 1 minute.')
    .max(timingMax.idleLockMinutes, `The app must lock after at most ${timingMax.idleLockMinutes} minutes.`)
    .default(5)
})

export type ClinicSettings = z.output<typeof clinicSettingsSchema>

export interface SettingsState {
  readonly settings: ClinicSettings
  /** False until the clinic has saved its details once. */
  readonly saved: boolean
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
