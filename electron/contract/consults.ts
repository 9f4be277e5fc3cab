import content from 'virtual:content'
import { z } from 'zod'
import { severities, type PatientFacts, type Precaution } from './consult-rules'
import { withoutNul } from './text'
import { MAX_AMENDMENT_PHOTOS } from './photo-views'
import { amendmentPhotoSchema, type PhotoSummary } from './photos'
import type { HandoutPrint } from './settings'

const areaIds = new Set(content.areas.map((a) => a.id))
const concernIds = new Set(content.concerns.map((c) => c.id))
const questionIds = new Set(content.screening.map((q) => q.id))
const addOnIds = new Set(content.addOns.map((a) => a.id))
const screenIds = new Set(content.guide.map((s) => s.id))

const known = (ids: ReadonlySet<string>, what: string) =>
  z.string().refine((id) => ids.has(id), { error: (issue) => `"${String(issue.input)}" is not a known ${what}.` })

const text = (max: number, what: string) => z.string().max(max, `${what} can be at most ${max} characters.`)

const sidedAreas = new Set(content.areas.filter((a) => a.sided).map((a) => a.id))

export const areaEntrySchema = z
  .strictObject({
    areaId: known(areaIds, 'area'),
    /** For sided areas (arms, legs): which sides are marked. Empty for the others. */
    sides: z
      .array(z.enum(['left', 'right']))
      .max(2)
      .default([]),
    zones: z.array(text(60, 'A zone')).max(20).default([]),
    concerns: z.array(known(concernIds, 'concern')).max(20).default([]),
    severity: z.enum(severities).nullable().default(null),
    note: text(500, 'An area note').default('')
  })
  .refine((entry) => !sidedAreas.has(entry.areaId) || entry.sides.length > 0, {
    error: 'Mark the left side, the right side, or both.',
    path: ['sides']
  })
  .refine((entry) => sidedAreas.has(entry.areaId) || entry.sides.length === 0, {
    error: 'Only arms, legs and other sided areas have sides.',
    path: ['sides']
  })

export const screeningAnswerSchema = z.strictObject({
  questionId: known(questionIds, 'screening question'),
  answer: z.enum(['yes', 'no', 'unsure']).nullable(),
  note: text(500, 'A screening note').default('')
})

export const planSchema = z.strictObject({
  sessions: z
    .number()
    .int()
    .min(1, 'Plan at least 1 session.')
    .max(20, 'Plan at most 20 sessions.')
    .nullable()
    .default(null),
  intervalWeeks: z
    .number()
    .int()
    .min(1, 'Sessions must be at least 1 week apart.')
    .max(26, 'Sessions can be at most 26 weeks apart.')
    .nullable()
    .default(null),
  /** True once the practitioner changed the suggested sessions or interval. */
  customised: z.boolean().default(false),
  addOns: z.array(known(addOnIds, 'add-on')).max(10).default([]),
  /** Photos will be taken: the plan then needs the photography consent. No default, so older plans keep their hash. */
  photos: z.boolean().optional(),
  timeline: text(500, 'The timeline').default(''),
  priceQuote: text(120, 'The price quote').default('')
})

/** Everything a practitioner edits in a consult; every field may be half-filled in a draft. */
export const consultDraftSchema = z.strictObject({
  practitioner: z.string().trim().max(120, 'The practitioner’s name can be at most 120 characters.').default(''),
  consultedAt: z.iso.datetime({ offset: true, error: 'Give the consult’s date and time.' }),
  areas: z.array(areaEntrySchema).max(50).default([]),
  noAreasNote: text(500, 'The “no areas” note').default(''),
  screening: z.array(screeningAnswerSchema).max(100).default([]),
  plan: planSchema.default({
    sessions: null,
    intervalWeeks: null,
    customised: false,
    addOns: [],
    timeline: '',
    priceQuote: ''
  }),
  notes: text(10_000, 'The notes').default(''),
  guideShown: z.array(known(screenIds, 'guide screen')).max(100).default([])
})

const id = z.uuid({ error: 'That is not a valid id.' })

export const consultIdSchema = z.strictObject({ id })
export const newConsultSchema = z.strictObject({ patientId: id })
/** `baseUpdatedAt`: the version the draft was edited from (the consult's `updatedAt` or the last save's); an older one is refused. */
export const saveDraftSchema = z.strictObject({
  id,
  baseUpdatedAt: z.iso.datetime({ offset: true, error: 'The draft’s version is missing.' }),
  draft: consultDraftSchema
})
export const signConsultSchema = z.strictObject({
  id,
  /** Why the plan goes ahead over a "do not treat today" answer; required only then. */
  overrideReason: z.string().trim().max(1000, 'The reason can be at most 1,000 characters.').default('')
})
/** An amendment is signed like the consult: by the practitioner whose PIN is given. */
export const amendSchema = z.strictObject({
  id,
  text: withoutNul(
    z.string().trim().min(1, 'Write the amendment.').max(5000, 'An amendment can be at most 5,000 characters.'),
    'An amendment'
  ),
  practitionerId: z.uuid({ error: 'Choose who is writing the amendment.' }),
  pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.'),
  /** Photos added to the signed consult with this amendment, their files uploaded first. */
  photos: z
    .array(amendmentPhotoSchema)
    .max(MAX_AMENDMENT_PHOTOS, 'Add at most four photos with one amendment.')
    .default([])
})
export const patientConsultsSchema = z.strictObject({ patientId: id })

export const consultSearchSchema = z
  .strictObject({
    query: z.string().max(200, 'Search for at most 200 characters.').default(''),
    areaId: known(areaIds, 'area').nullable().default(null),
    concernId: known(concernIds, 'concern').nullable().default(null),
    status: z.enum(['draft', 'signed']).nullable().default(null),
    flagged: z.boolean().default(false),
    /** Only consults with an answer that says "do not treat today". */
    doNotTreat: z.boolean().default(false),
    /** Only consults whose plan needs a consent that is not on file. */
    consentMissing: z.boolean().default(false),
    /** Start of the first day, as an ISO timestamp in the user's time zone. */
    from: z.iso.datetime({ offset: true, error: 'Enter a real start date.' }).nullable().default(null),
    /** Start of the day after the last one. */
    to: z.iso.datetime({ offset: true, error: 'Enter a real end date.' }).nullable().default(null),
    limit: z.number().int().min(1).max(100).default(50),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    /** Count every match; otherwise the total stops at 1,000 (or the end of this page). */
    exactTotal: z.boolean().default(false)
  })
  .refine((input) => !input.from || !input.to || Date.parse(input.from) < Date.parse(input.to), {
    error: 'The start date must be on or before the end date.',
    path: ['to']
  })

export type AreaEntry = z.output<typeof areaEntrySchema>
export type ScreeningAnswer = z.output<typeof screeningAnswerSchema>
export type Plan = z.output<typeof planSchema>
export type ConsultDraft = z.output<typeof consultDraftSchema>
export type ConsultStatus = 'draft' | 'signed'

export interface Consult extends ConsultDraft {
  readonly id: string
  readonly patientId: string
  readonly status: ConsultStatus
  readonly createdAt: string
  readonly updatedAt: string
  readonly signedAt: string | null
  readonly signedBy: string | null
  readonly contentHash: string | null
  /** Why the practitioner went ahead over a "do not treat today" answer; null when there was none. */
  readonly overrideReason: string | null
  /** Ed25519 signature (base64) over the canonical record; null for a draft or the earlier method. */
  readonly signature: string | null
  readonly signingKeyId: string | null
}

export interface Amendment {
  readonly id: string
  readonly consultId: string
  readonly author: string
  readonly text: string
  readonly createdAt: string
  /** Signed by the author's key, chained to the signature before it; null for amendments made before signing keys. */
  readonly signature: string | null
  readonly signingKeyId: string | null
}

/** A practitioner's public signing key: all it takes to check what they signed. */
export interface PublicSigningKey {
  readonly id: string
  readonly practitionerId: string
  readonly practitionerName: string
  /** Ed25519, SPKI DER in base64. */
  readonly publicKey: string
  readonly createdAt: string
}

/**
 * `ok`: the signature holds for the record and every amendment; `earlier-method`: signed
 * before signing keys, checked against its content hash; `mismatch`: changed after signing.
 */
export type Integrity = 'unsigned' | 'ok' | 'earlier-method' | 'mismatch'

export interface ConsultRecord {
  readonly consult: Consult
  readonly patientName: string
  readonly amendments: readonly Amendment[]
  /** Handouts printed or saved for this consult, oldest first. */
  readonly handouts: readonly HandoutPrint[]
  /** The consult's photos the practitioner picked to show on its handout, oldest first. */
  readonly handoutPhotos: readonly PhotoSummary[]
  readonly integrity: Integrity
  /** Why the signature check failed, in words. */
  readonly integrityProblem: string | null
  /** Screening questions whose answers need the practitioner's judgement (both levels). */
  readonly flags: readonly string[]
  /** Of those, the ones that say "do not treat today". */
  readonly doNotTreat: readonly string[]
  /** What the patient's record says that the flags depend on. */
  readonly patient: PatientFacts
  /** Precautions raised by the patient's record and answers. */
  readonly precautions: readonly Precaution[]
}

export interface ConsultSummary {
  readonly id: string
  readonly status: ConsultStatus
  readonly consultedAt: string
  readonly practitioner: string
  readonly areaIds: readonly string[]
  readonly flagCount: number
  readonly doNotTreatCount: number
}

/**
 * Text in which the parts that matched a search stand between MATCH_START (\u0002) and
 * MATCH_END (\u0003), for the renderer to highlight.
 */
export type MarkedText = string

export interface ConsultListItem {
  readonly id: string
  readonly patientId: string
  readonly patientName: MarkedText
  readonly consultedAt: string
  readonly practitioner: string
  readonly areaIds: readonly string[]
  readonly status: ConsultStatus
  readonly flagCount: number
  readonly doNotTreatCount: number
  /** Where the search matched, when it matched more than the name. */
  readonly snippet: MarkedText | null
}

export interface ConsultPage {
  readonly items: readonly ConsultListItem[]
  /** How many consults match; when `totalExact` is false, at least this many (shown as "1,000+"). */
  readonly total: number
  readonly totalExact: boolean
  readonly offset: number
  readonly limit: number
}

export interface SavedDraft {
  readonly updatedAt: string
}
