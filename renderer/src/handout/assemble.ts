import { labelOf } from '../../../content/labels'
import { localise } from '../../../content/localise'
import type { Content, HandoutPlaceholder } from '../../../content/schema'
import type { AreaEntry, ClinicSettings, ConsultRecord } from '../../../electron/contract'
import { flagLevel } from '../../../electron/contract/consult-rules'
import { photoViewLabels } from '../../../electron/contract/photo-views'
import { placeLabel } from '../photos/photo-places'

export interface HandoutArea {
  readonly title: string
  /** The concerns in the patient's words, e.g. "marks left by past acne". */
  readonly concerns: string
  readonly severity: string | null
  readonly zones: string
}

/** A photo the practitioner picked for the handout: its thumbnail and what it shows. */
export interface HandoutPhoto {
  readonly id: string
  /** The thumbnail, as a data URL. */
  readonly src: string
  /** "Face, front". */
  readonly caption: string
  /** ISO date the photo was taken. */
  readonly takenOn: string
}

export interface Handout {
  readonly title: string
  readonly intro: string
  readonly clinic: {
    readonly name: string
    readonly addressLines: readonly string[]
    readonly contact: string
    readonly logo: string | null
  }
  /** Null for the general handout. */
  readonly patientName: string | null
  /** Who saw the patient: the consult's practitioner (its signer once signed); null for the general handout. */
  readonly practitioner: string | null
  /** ISO timestamp: the consult's, or now for the general handout. */
  readonly date: string
  readonly areas: readonly HandoutArea[]
  readonly markedAreas: readonly Pick<AreaEntry, 'areaId' | 'sides'>[]
  /** Only the consult's photos picked for its handout; none on the general handout. */
  readonly photos: readonly HandoutPhoto[]
  readonly plan: {
    readonly sessions: string
    readonly timeline: string
    readonly addOns: string
    readonly priceQuote: string
    /** The clinic's insurance sentence, when Settings say to mention it. */
    readonly insurance: string
  } | null
  readonly results: string
  readonly prepare: readonly string[]
  /** Lines that follow from this patient's answers, record, concerns and add-ons. */
  readonly forYouTitle: string
  readonly forYou: readonly string[]
  /** Each chosen add-on's own risks and aftercare. */
  readonly addOns: readonly HandoutAddOn[]
  readonly onTheDay: readonly string[]
  readonly aftercare: readonly string[]
  readonly warningSigns: readonly string[]
  readonly warningNote: string
  readonly sources: readonly { readonly host: string; readonly url: string }[]
  /** Settings the clinic has not filled in yet, which the handout stands in for. */
  readonly missing: readonly string[]
  /** What only the clinic's copy shows: the screening flags at both levels, and any reason to go ahead. */
  readonly clinicCopy: ClinicCopy | null
}

export interface HandoutAddOn {
  readonly label: string
  readonly risks: readonly string[]
  readonly aftercare: readonly string[]
}

export interface ClinicFlag {
  readonly question: string
  readonly answer: string
  readonly note: string
}

export interface ClinicCopy {
  readonly doNotTreat: readonly ClinicFlag[]
  readonly judgement: readonly ClinicFlag[]
  /** Labels of the precautions raised by the patient's record and answers. */
  readonly precautions: readonly string[]
  readonly overrideReason: string | null
  readonly signedBy: string | null
}

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`

function titleOf(content: Content, entry: AreaEntry): string {
  const area = content.areas.find((a) => a.id === entry.areaId)
  if (!area) return entry.areaId
  if (!area.sided || entry.sides.length === 0) return area.label
  return entry.sides.length === 2 ? `${area.label}, both sides` : `${area.label}, ${entry.sides[0]} side`
}

/** What follows from one consult: advice from flagged answers, precautions, caveats, add-ons, and their sources. */
function personal(content: Content, record: ConsultRecord) {
  const { consult } = record
  const asked = record.flags.map((id) => content.screening.find((q) => q.id === id)).filter((q) => q !== undefined)
  const pih = record.precautions.includes('pih') ? content.precautions.pih : null
  const concernIds = new Set(consult.areas.flatMap((a) => a.concerns))
  const caveats = content.concerns.filter((c) => concernIds.has(c.id) && c.caveat)
  const addOns = consult.plan.addOns
    .map((id) => content.addOns.find((a) => a.id === id))
    .filter((a) => a !== undefined && (a.risks.length > 0 || a.aftercare.length > 0))
  return {
    forYou: [
      ...asked.flatMap((q) => (q.advice ? [q.advice] : [])),
      ...(pih?.handout ?? []),
      ...caveats.map((c) => c.caveat!)
    ],
    addOns: addOns.map((a) => ({ label: a!.label, risks: a!.risks, aftercare: a!.aftercare })),
    sources: [
      ...asked.filter((q) => q.advice).flatMap((q) => q.sources),
      ...(pih?.sources ?? []),
      ...caveats.map((c) => c.source),
      ...addOns.flatMap((a) => a!.sources)
    ]
  }
}

function clinicCopyOf(content: Content, record: ConsultRecord): ClinicCopy {
  const flag = (id: string): ClinicFlag => {
    const answer = record.consult.screening.find((a) => a.questionId === id)
    return {
      question: content.screening.find((q) => q.id === id)?.question ?? id,
      answer: answer?.answer ?? '',
      note: answer?.note ?? ''
    }
  }
  return {
    doNotTreat: record.flags.filter((id) => flagLevel(id) === 'do-not-treat').map(flag),
    judgement: record.flags.filter((id) => flagLevel(id) === 'judgement').map(flag),
    precautions: record.precautions.map((p) => content.precautions[p].label),
    overrideReason: record.consult.overrideReason,
    signedBy: record.consult.signedBy
  }
}

/** Everything one handout says, from the clinic's content and settings and (optionally) a consult. */
export function assembleHandout(
  content: Content,
  settings: ClinicSettings,
  record: ConsultRecord | null,
  now = new Date()
): Handout {
  const text = content.handout
  const values: Record<HandoutPlaceholder, string> = {
    clinicName: settings.clinicName || 'the clinic',
    clinicPhone: settings.phone || 'the number you were given',
    numbingMinutes: String(settings.numbingMinutes),
    makeupHours: String(settings.makeupHours),
    activesDays: String(settings.activesDays),
    sweatHours: String(settings.sweatHours),
    poolHours: String(settings.poolHours)
  }
  const spell = (sentence: string) => localise(content.locale, settings.spelling, sentence)
  const fill = (sentence: string) =>
    spell(sentence.replace(/\{(\w+)\}/g, (_, name: HandoutPlaceholder) => values[name] ?? ''))
  const consult = record?.consult
  const plan = consult?.plan
  const own = record ? personal(content, record) : { forYou: [], addOns: [], sources: [] }

  return {
    title: record ? text.title : text.generalTitle,
    intro: fill(record ? text.intro : text.generalIntro),
    clinic: {
      name: settings.clinicName,
      addressLines: settings.address.split(/\r?\n/).filter(Boolean),
      contact: [settings.phone, settings.email, settings.website].filter(Boolean).join(' · '),
      logo: settings.logo
    },
    patientName: record?.patientName ?? null,
    practitioner: consult?.practitioner || null,
    date: consult?.consultedAt ?? now.toISOString(),
    areas: (consult?.areas ?? []).map((entry) => ({
      title: titleOf(content, entry),
      concerns: spell(list(entry.concerns.map((id) => content.concerns.find((c) => c.id === id)?.plain ?? id))),
      severity: entry.severity,
      zones: list(entry.zones)
    })),
    markedAreas: (consult?.areas ?? []).map(({ areaId, sides }) => ({ areaId, sides })),
    photos: (record?.handoutPhotos ?? []).map((photo) => ({
      id: photo.id,
      src: photo.thumb,
      caption: `${placeLabel(photo)}, ${photoViewLabels[photo.view].toLowerCase()}`,
      takenOn: photo.takenAt.slice(0, 10)
    })),
    plan:
      plan && (plan.sessions || plan.timeline || plan.addOns.length || plan.priceQuote)
        ? {
            sessions: plan.sessions
              ? `${plan.sessions} session${plan.sessions === 1 ? '' : 's'}${plan.intervalWeeks ? `, about ${plan.intervalWeeks} week${plan.intervalWeeks === 1 ? '' : 's'} apart` : ''}`
              : '',
            timeline: plan.timeline,
            addOns: list(plan.addOns.map((id) => labelOf(content.addOns, id))),
            priceQuote: plan.priceQuote,
            insurance: settings.mentionInsurance ? spell(content.locale.insurance.text) : ''
          }
        : null,
    results: fill(text.results),
    prepare: text.prepare.map(fill),
    forYouTitle: fill(text.forYouTitle),
    forYou: own.forYou.map(fill),
    addOns: own.addOns.map((a) => ({ label: a.label, risks: a.risks.map(spell), aftercare: a.aftercare.map(spell) })),
    onTheDay: text.onTheDay.map(fill),
    aftercare: text.aftercare.map(fill),
    warningSigns: text.warningSigns.map(fill),
    warningNote: fill(text.warningNote),
    sources: [...new Set([...text.sources, ...own.sources])].map((url) => ({
      url,
      host: new URL(url).hostname.replace(/^www\./, '')
    })),
    missing: [!settings.clinicName && 'the clinic’s name', !settings.phone && 'a phone number'].filter(
      (item): item is string => Boolean(item)
    ),
    clinicCopy: record ? clinicCopyOf(content, record) : null
  }
}
