import type { ClinicSettings } from './settings'

// The settings' limits, messages and starting values, shared by the schema and the Settings
// screen: no zod here, so the page can import them.

export const paperSizes = ['A4', 'Letter'] as const
export type PaperSize = (typeof paperSizes)[number]

/** The longest text each clinic detail may hold, in characters. */
export const settingsTextMax = {
  clinicName: 120,
  address: 300,
  website: 200
} as const

/** The logo as a data URL: at most this many characters (a file of about 250 KB in base64). */
export const LOGO_MAX_CHARS = 400_000
/** The largest logo file the Settings screen reads, in bytes. */
export const LOGO_MAX_BYTES = 250_000

/** The most each timing may be: the aftercare timings printed on handouts, and the idle lock. */
export const timingMax = {
  numbingMinutes: 120,
  makeupHours: 168,
  activesDays: 30,
  sweatHours: 168,
  poolHours: 336,
  idleLockMinutes: 60
} as const

export const settingsMessages = {
  logoType: 'The logo must be a PNG or JPEG image.',
  logoSize: `The logo is too large: use an image under about ${LOGO_MAX_BYTES / 1000} KB.`
} as const

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
