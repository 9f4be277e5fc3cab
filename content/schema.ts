import { z } from 'zod'
import { answers, flagLevels, precautions } from './lists.ts'

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and dashes, like "acne-scars"')
const url = z.url({ protocol: /^https?$/, error: 'must be a full web address starting with https:// or http://' })

export const illustrations = ['skin-channels', 'needle-depth', 'timeline', 'body-figure'] as const

export const sourceSchema = z.strictObject({
  claim: z.string().trim().min(10, 'say which claim this source supports'),
  url
})

export const guideFrontMatterSchema = z.strictObject({
  id: slug,
  title: z.string().trim().min(3).max(60, 'keep the title under 60 characters'),
  order: z.number().int().nonnegative(),
  illustration: z.enum(illustrations).optional(),
  areas: z.array(slug).default([]),
  concerns: z.array(slug).default([]),
  sources: z.array(sourceSchema).min(1, 'list the source of every medical claim on the screen')
})

/** A run of text in a guide paragraph; `strong` for **bold** in the Markdown. */
export interface Inline {
  readonly text: string
  readonly strong: boolean
}

export type Block =
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }

export interface GuideScreen extends z.output<typeof guideFrontMatterSchema> {
  readonly body: readonly Block[]
}

const viewSchema = z.enum(['front', 'back'])
const pathData = z.string().regex(/^[MmLlHhVvCcSsQqTtZz0-9.,\s-]+$/, 'must be SVG path data (M, L, C … Z)')
const sideSchema = z.enum(['left', 'right'])

export const areaSchema = z
  .strictObject({
    id: slug,
    label: z.string().trim().min(2),
    /** For sided areas: the word after "Left"/"Right", e.g. "arm". */
    singular: z.string().trim().min(2).optional(),
    sided: z.boolean().default(false),
    zones: z.array(z.string().trim().min(2)).default([]),
    /** A close-up drawing of the area (200 wide, 240 high) with a shape per zone, tapped to mark zones. */
    closeUp: z.array(z.strictObject({ zone: z.string().trim().min(2), path: pathData })).default([]),
    shapes: z
      .array(
        z.strictObject({
          view: viewSchema,
          side: sideSchema.optional(),
          path: pathData
        })
      )
      .min(1, 'give the area at least one shape on the figure')
  })
  .superRefine((area, ctx) => {
    for (const [index, shape] of area.shapes.entries()) {
      if (area.sided !== (shape.side !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['shapes', index, 'side'],
          message: area.sided ? 'a sided area needs side: left or right on every shape' : 'only a sided area has sides'
        })
      }
    }
    for (const [index, { zone }] of area.closeUp.entries()) {
      if (!area.zones.includes(zone)) {
        ctx.addIssue({
          code: 'custom',
          path: ['closeUp', index, 'zone'],
          message: `"${zone}" is not one of this area's zones`
        })
      }
    }
    const drawn = new Set(area.closeUp.map((shape) => shape.zone))
    if (drawn.size > 0 && area.zones.some((zone) => !drawn.has(zone))) {
      ctx.addIssue({ code: 'custom', path: ['closeUp'], message: 'a close-up needs a shape for every zone' })
    }
    if (area.sided && !area.singular) {
      ctx.addIssue({ code: 'custom', path: ['singular'], message: 'a sided area needs a singular name, like "arm"' })
    }
  })

export const concernSchema = z.strictObject({
  id: slug,
  label: z.string().trim().min(2),
  /** How the handout names it to the patient. */
  plain: z.string().trim().min(2),
  sessions: z.number().int().min(1).max(20),
  intervalWeeks: z.number().int().min(1).max(26),
  source: url,
  /** True when the suggested plan is a clinic's habit rather than a study's protocol. */
  clinicDefault: z.boolean().default(false),
  /** What the handout says about the evidence when this concern is in the plan. */
  caveat: z.string().trim().min(10).optional()
})

export const screeningQuestionSchema = z
  .strictObject({
    id: slug,
    question: z.string().trim().min(10),
    flagOn: z.array(z.enum(answers)).min(1, 'say which answers need the practitioner to judge'),
    /** do-not-treat: a labelled contraindication; judgement: a precaution to weigh. */
    level: z.enum(flagLevels),
    /** Why the answer matters, shown beside a flag. */
    why: z.string().trim().min(10),
    /** Primary or authoritative sources of the `why`. */
    sources: z.array(url).default([]),
    /** True where no primary source was found and the `why` is common practice. */
    practice: z.boolean().default(false),
    /** True where published sources disagree. */
    disputed: z.boolean().default(false),
    /** A sentence the handout adds when the answer is flagged. */
    advice: z.string().trim().min(10).optional(),
    /** Precautions a flagged answer raises. */
    precaution: z.enum(precautions).optional(),
    /** Kept for older consults that answered it; new consults do not ask it. */
    retired: z.boolean().default(false)
  })
  .refine((q) => q.sources.length > 0 || q.practice, {
    error: 'list the source of the "why", or set practice: true where no primary source exists',
    path: ['sources']
  })

/** Flags raised by the patient's record and answers rather than by one answer: text for consult, plan and handout. */
export const precautionsSchema = z.strictObject({
  under22: z.strictObject({
    label: z.string().trim().min(5),
    why: z.string().trim().min(10),
    sources: z.array(url).min(1)
  }),
  pih: z.strictObject({
    label: z.string().trim().min(5),
    why: z.string().trim().min(10),
    /** Fitzpatrick types (1–6) that raise the precautions on their own. */
    skinTypes: z.array(z.number().int().min(1).max(6)).min(1),
    /** The conservative plan default: sessions at least this many weeks apart. */
    minIntervalWeeks: z.number().int().min(1).max(26),
    /** What the plan step reminds the practitioner of. */
    planNote: z.string().trim().min(10),
    /** Lines the handout adds: sun protection before and after, what to watch for. */
    handout: z.array(z.string().trim().min(10)).min(1),
    sources: z.array(url).min(1)
  })
})

export const addOnSchema = z.strictObject({
  id: slug,
  label: z.string().trim().min(2),
  note: z.string().trim().min(10),
  source: url,
  /** When chosen, the handout adds these: the add-on's own risks and aftercare. */
  risks: z.array(z.string().trim().min(10)).default([]),
  aftercare: z.array(z.string().trim().min(10)).default([]),
  sources: z.array(url).default([])
})

/** Settings values a handout sentence may use, written {likeThis}. */
export const handoutPlaceholders = [
  'clinicName',
  'clinicPhone',
  'numbingMinutes',
  'makeupHours',
  'activesDays',
  'sweatHours',
  'poolHours'
] as const
export type HandoutPlaceholder = (typeof handoutPlaceholders)[number]

const handoutText = z
  .string()
  .trim()
  .min(3)
  .refine(
    (text) =>
      [...text.matchAll(/\{(\w+)\}/g)].every(([, name]) => (handoutPlaceholders as readonly string[]).includes(name!)),
    {
      error: (issue) =>
        `uses an unknown {value}; allowed: ${handoutPlaceholders.map((p) => `{${p}}`).join(' ')} (in "${String(issue.input)}")`
    }
  )

export const handoutSchema = z.strictObject({
  title: handoutText,
  generalTitle: handoutText,
  intro: handoutText,
  generalIntro: handoutText,
  results: handoutText,
  prepare: z.array(handoutText).min(1),
  /** Heading of the lines added from the patient's own answers and record. */
  forYouTitle: handoutText,
  onTheDay: z.array(handoutText).min(1),
  aftercare: z.array(handoutText).min(1),
  warningSigns: z.array(handoutText).min(1),
  warningNote: handoutText,
  sources: z.array(url).min(1)
})

export const localeSchema = z.strictObject({
  spelling: z.array(z.strictObject({ uk: z.string().trim().min(2), us: z.string().trim().min(2) })).min(1),
  terms: z.array(z.strictObject({ use: z.string().trim().min(2), avoid: z.array(z.string().trim().min(2)).min(1) })),
  insurance: z.strictObject({ screen: slug, text: z.string().trim().min(10) })
})
export type Locale = z.output<typeof localeSchema>
/** The choices a photography consent must offer, each answered yes or no. */
export const photoChoices = ['clinical-record', 'teaching', 'marketing'] as const

export const consentFrontMatterSchema = z
  .strictObject({
    id: slug,
    title: z.string().trim().min(3).max(80, 'keep the title under 80 characters'),
    /** Raise it whenever the wording changes: a signed consent keeps the version it was signed on. */
    version: z.number().int().min(1, 'the version is a whole number from 1 up'),
    effective: z.iso.date('the effective date is written YYYY-MM-DD'),
    /** When a plan needs it: always, when photos will be taken, or when an add-on is chosen. */
    when: z.union([z.literal('always'), z.literal('photos'), z.strictObject({ addOn: slug })], {
      error: 'when: write always, photos, or addOn: <an add-on id>'
    }),
    /** `consult`: signed for each consult; `patient`: stays on file for the patient until withdrawn. */
    scope: z.enum(['consult', 'patient']).default('consult'),
    choices: z.array(z.strictObject({ id: slug, question: z.string().trim().min(10) })).default([]),
    sources: z.array(sourceSchema).min(1, 'list the source of every medical claim in the form')
  })
  .superRefine((form, ctx) => {
    if (form.when !== 'photos') return
    const ids = form.choices.map((c) => c.id)
    const lacking = photoChoices.filter((id) => !ids.includes(id))
    if (lacking.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: `a photography form asks each of: ${lacking.join(', ')}`
      })
    }
  })

export interface ConsentForm extends z.output<typeof consentFrontMatterSchema> {
  /** The wording exactly as the patient sees it and as a signed consent keeps it (see consent-text.ts). */
  readonly text: string
}

export type HandoutText = z.output<typeof handoutSchema>
export type Area = z.output<typeof areaSchema>
export type Concern = z.output<typeof concernSchema>
export type AreaView = z.output<typeof viewSchema>
export type Side = z.output<typeof sideSchema>
export type Answer = (typeof answers)[number]
export type ScreeningQuestion = z.output<typeof screeningQuestionSchema>
export type FlagLevel = (typeof flagLevels)[number]
export type Precautions = z.output<typeof precautionsSchema>
export type AddOn = z.output<typeof addOnSchema>

export interface Content {
  readonly guide: readonly GuideScreen[]
  readonly areas: readonly Area[]
  readonly concerns: readonly Concern[]
  readonly screening: readonly ScreeningQuestion[]
  readonly addOns: readonly AddOn[]
  readonly handout: HandoutText
  readonly precautions: Precautions
  readonly locale: Locale
  readonly consent: readonly ConsentForm[]
}
