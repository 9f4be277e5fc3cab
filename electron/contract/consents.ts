import content from 'virtual:content'
import { z } from 'zod'
import { signWithPinSchema } from './practitioners'
import { paperSizes } from './settings-values'

const id = z.uuid({ error: 'That is not a valid id.' })
const formIds = new Set(content.consent.map((f) => f.id))

const MAX_POINTS = 6000

/** The drawn signature: strokes of [x, y] points in the pad's pixels, and the PNG the pad made. */
export const drawnSignatureSchema = z.strictObject({
  width: z.number().int().min(50).max(4000),
  height: z.number().int().min(50).max(4000),
  strokes: z
    .array(
      z
        .array(z.tuple([z.number().min(0).max(4000), z.number().min(0).max(4000)]))
        .min(1)
        .max(MAX_POINTS)
    )
    .min(1, 'Sign on the pad, or use the typed path.')
    .max(200)
    .refine((strokes) => strokes.reduce((n, s) => n + s.length, 0) <= MAX_POINTS, {
      error: 'The signature has too many points; clear it and sign again.'
    }),
  png: z
    .string()
    .max(600_000, 'The signature image is too large; clear it and sign again.')
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, 'The signature image is not a PNG.')
})

export const signConsentSchema = z
  .strictObject({
    consultId: id,
    formId: z.string().refine((f) => formIds.has(f), { error: 'That is not a known consent form.' }),
    formVersion: z.number().int().min(1),
    /** SHA-256 of the text the patient was shown, so the service stores exactly that text. */
    textSha256: z.string().regex(/^[0-9a-f]{64}$/, 'The form’s hash is missing.'),
    /** Yes or no for each of the form's choices. */
    choices: z.record(z.string().max(60), z.boolean()).default({}),
    patientName: z.string().trim().min(1, 'Type your full name.').max(200, 'The name can be at most 200 characters.'),
    /** Null on the keyboard path, where `agreed` records the explicit "I agree". */
    signature: drawnSignatureSchema.nullable(),
    agreed: z.boolean()
  })
  .extend(signWithPinSchema.shape)
  .refine((input) => input.signature !== null || input.agreed, {
    error: 'Sign on the pad, or tick “I agree” to sign with your typed name.',
    path: ['agreed']
  })

export const withdrawConsentSchema = z
  .strictObject({
    id,
    reason: z
      .string()
      .trim()
      .min(1, 'Say how and why the patient withdrew consent.')
      .max(1000, 'At most 1,000 characters.')
  })
  .extend(signWithPinSchema.shape)

export const consentIdSchema = z.strictObject({ id })
export const consultConsentsSchema = z.strictObject({ consultId: id })
export const patientConsentsSchema = z.strictObject({ patientId: id })
export const consentPrintSchema = z.strictObject({ id, paper: z.enum(paperSizes) })
export const consentPrintRecordSchema = consentPrintSchema.extend({ action: z.enum(['print', 'pdf']) })

export type DrawnSignature = z.output<typeof drawnSignatureSchema>

/** One choice as the patient answered it, with the question as it was asked. */
export interface ConsentChoice {
  readonly id: string
  readonly question: string
  readonly answer: boolean
}

/** A dated entry, signed with a practitioner's PIN, appended to a consent the patient withdrew. */
export interface ConsentWithdrawal {
  readonly id: string
  readonly consentId: string
  readonly withdrawnAt: string
  readonly reason: string
  readonly recordedBy: string
  readonly entryHash: string
}

export interface ConsentSummary {
  readonly id: string
  readonly patientId: string
  readonly consultId: string
  readonly formId: string
  readonly formVersion: number
  readonly title: string
  readonly scope: 'consult' | 'patient'
  readonly signedAt: string
  readonly patientName: string
  readonly countersignedBy: string
  readonly method: 'drawn' | 'typed'
  readonly withdrawnAt: string | null
  /** `mismatch`: the stored consent no longer matches its hash. */
  readonly integrity: 'ok' | 'mismatch'
}

export interface Consent extends Omit<ConsentSummary, 'withdrawnAt' | 'integrity'> {
  readonly formEffective: string
  readonly text: string
  readonly textSha256: string
  readonly choices: readonly ConsentChoice[]
  readonly signature: DrawnSignature | null
  readonly countersignerId: string
  readonly recordHash: string
}

export interface ConsentRecord {
  readonly consent: Consent
  readonly withdrawal: ConsentWithdrawal | null
  readonly integrity: 'ok' | 'mismatch'
  /** When the consult it was taken in happened. */
  readonly consultedAt: string
}

/** The photography consent on file for a patient: the newest signed one that is not withdrawn. */
export interface PhotographyConsent {
  readonly consentId: string
  readonly signedAt: string
  /** Yes to each photo choice (`clinical-record`, `teaching`, `marketing`). */
  readonly choices: Readonly<Record<string, boolean>>
}
