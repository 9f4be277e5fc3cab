import { labelOf } from '../../../content/labels'
import type { Content, HandoutPlaceholder } from '../../../content/schema'
import type { AreaEntry, ClinicSettings, ConsultRecord } from '../../../electron/contract'

export interface HandoutArea {
  readonly title: string
  /** The concerns in the patient's words, e.g. "marks left by past acne". */
  readonly concerns: string
  readonly severity: string | null
  readonly zones: string
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
  readonly plan: {
    readonly sessions: string
    readonly timeline: string
    readonly addOns: string
    readonly priceQuote: string
  } | null
  readonly results: string
  readonly prepare: readonly string[]
  readonly onTheDay: readonly string[]
  readonly aftercare: readonly string[]
  readonly warningSigns: readonly string[]
  readonly warningNote: string
  readonly sources: readonly { readonly host: string; readonly url: string }[]
  /** Settings the clinic has not filled in yet, which the handout stands in for. */
  readonly missing: readonly string[]
}

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`

function titleOf(content: Content, entry: AreaEntry): string {
  const area = content.areas.find((a) => a.id === entry.areaId)
  if (!area) return entry.areaId
  if (!area.sided || entry.sides.length === 0) return area.label
  return entry.sides.length === 2 ? `${area.label}, both sides` : `${area.label}, ${entry.sides[0]} side`
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
  const fill = (sentence: string) => sentence.replace(/\{(\w+)\}/g, (_, name: HandoutPlaceholder) => values[name] ?? '')
  const consult = record?.consult
  const plan = consult?.plan

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
      concerns: list(entry.concerns.map((id) => content.concerns.find((c) => c.id === id)?.plain ?? id)),
      severity: entry.severity,
      zones: list(entry.zones)
    })),
    markedAreas: (consult?.areas ?? []).map(({ areaId, sides }) => ({ areaId, sides })),
    plan:
      plan && (plan.sessions || plan.timeline || plan.addOns.length || plan.priceQuote)
        ? {
            sessions: plan.sessions
              ? `${plan.sessions} session${plan.sessions === 1 ? '' : 's'}${plan.intervalWeeks ? `, about ${plan.intervalWeeks} week${plan.intervalWeeks === 1 ? '' : 's'} apart` : ''}`
              : '',
            timeline: plan.timeline,
            addOns: list(plan.addOns.map((id) => labelOf(content.addOns, id))),
            priceQuote: plan.priceQuote
          }
        : null,
    results: fill(text.results),
    prepare: text.prepare.map(fill),
    onTheDay: text.onTheDay.map(fill),
    aftercare: text.aftercare.map(fill),
    warningSigns: text.warningSigns.map(fill),
    warningNote: fill(text.warningNote),
    sources: text.sources.map((url) => ({ url, host: new URL(url).hostname.replace(/^www\./, '') })),
    missing: [!settings.clinicName && 'the clinic’s name', !settings.phone && 'a phone number'].filter(
      (item): item is string => Boolean(item)
    )
  }
}
