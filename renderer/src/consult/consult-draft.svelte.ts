import content from 'virtual:content'
import type { Area, Side } from '../../../content/schema'
import type { AreaEntry, Consult, ConsultDraft, ScreeningAnswer } from '../../../electron/contract'
import {
  clinicalContent,
  doNotTreatIds,
  flaggedQuestionIds,
  precautionsFor,
  type PatientFacts,
  type Precaution
} from '../../../electron/contract/consult-rules'
import { api } from '../lib/api'
import type { ConsultStep } from '../lib/router.svelte'
import { Autosaver, type SaveState } from './autosave'

export type StepMark = 'done' | 'flag' | 'todo'

/** Steps a stored draft shows were worked on before (the plan only once edited by hand). */
function openedBefore(consult: Consult): ConsultStep[] {
  const plan = consult.plan
  return [
    consult.guideShown.length > 0 && 'guide',
    (consult.areas.length > 0 || consult.noAreasNote !== '') && 'areas',
    consult.screening.length > 0 && 'screening',
    (plan.customised ||
      plan.addOns.length > 0 ||
      plan.timeline !== '' ||
      plan.priceQuote !== '' ||
      consult.notes !== '') &&
      'plan'
  ].filter((step): step is ConsultStep => step !== false)
}

/**
 * Sessions and interval suggested by the content for the concerns marked; with the dark-mark
 * (PIH) precautions, sessions are spaced at least as far apart as the content says.
 */
export function suggestedPlan(
  areas: readonly AreaEntry[],
  pih = false
): { sessions: number; intervalWeeks: number } | null {
  const concerns = content.concerns.filter((c) => areas.some((a) => a.concerns.includes(c.id)))
  if (concerns.length === 0) return null
  const interval = Math.min(...concerns.map((c) => c.intervalWeeks))
  return {
    sessions: Math.max(...concerns.map((c) => c.sessions)),
    intervalWeeks: pih ? Math.max(interval, content.precautions.pih.minIntervalWeeks) : interval
  }
}

/** One consult being edited: its fields, what to save, and how far along each step is. */
export class ConsultDraftState {
  readonly id: string
  readonly patientId: string
  readonly patientName: string
  readonly patient: PatientFacts
  draft = $state<ConsultDraft>() as ConsultDraft
  #saveState = $state<SaveState>('saved')
  #saveError = $state<string | null>(null)
  readonly #autosaver: Autosaver<ConsultDraft>
  /** The stored version this draft was edited from; each save sends it and gets the next one. */
  #version: string

  constructor(consult: Consult, patientName: string, patient: PatientFacts) {
    this.id = consult.id
    this.patientId = consult.patientId
    this.patientName = patientName
    this.patient = patient
    this.draft = clinicalContent(consult)
    this.#version = consult.updatedAt
    this.#visited = new Set(openedBefore(consult))
    this.#autosaver = new Autosaver(
      async (draft) => {
        const result = await api.consults.saveDraft({ id: this.id, baseUpdatedAt: this.#version, draft })
        if (result.ok) this.#version = result.value.updatedAt
        else if (result.error.fields?.['stale']) await this.#reload()
        return result
      },
      (state, error) => {
        this.#saveState = state
        this.#saveError = error ?? null
      }
    )
  }

  get saveState(): SaveState {
    return this.#saveState
  }
  get saveError(): string | null {
    return this.#saveError
  }

  /** Call after every change; the draft is stored within about half a second. */
  changed(): void {
    this.#autosaver.schedule($state.snapshot(this.draft) as ConsultDraft)
  }

  flush(): Promise<void> {
    return this.#autosaver.flush()
  }

  /** Takes the newer stored draft after a save was refused as made from an older version. */
  async #reload(): Promise<void> {
    const result = await api.consults.get({ id: this.id })
    if (!result.ok || result.value.consult.status !== 'draft') return
    this.draft = clinicalContent(result.value.consult)
    this.#version = result.value.consult.updatedAt
  }

  dispose(): void {
    this.#autosaver.dispose()
  }

  // Areas

  entryFor(areaId: string): AreaEntry | undefined {
    return this.draft.areas.find((entry) => entry.areaId === areaId)
  }

  isMarked(area: Area, side: Side | undefined): boolean {
    const entry = this.entryFor(area.id)
    return entry !== undefined && (side === undefined || entry.sides.includes(side))
  }

  /** Marks or unmarks a region; a sided area keeps its entry while either side is marked. */
  toggleRegion(area: Area, side: Side | undefined): void {
    const entry = this.entryFor(area.id)
    if (!entry) {
      this.draft.areas.push({
        areaId: area.id,
        sides: side ? [side] : [],
        zones: [],
        concerns: [],
        severity: null,
        note: ''
      })
    } else if (side && !entry.sides.includes(side)) {
      entry.sides.push(side)
      entry.sides.sort()
    } else if (side && entry.sides.length > 1) {
      entry.sides = entry.sides.filter((s) => s !== side)
    } else {
      this.draft.areas = this.draft.areas.filter((e) => e !== entry)
    }
    this.followSuggestedPlan()
    this.changed()
  }

  /** Marks or unmarks a zone of an area (from its close-up), marking the area itself if need be. */
  toggleZone(area: Area, zone: string): void {
    const entry = this.entryFor(area.id)
    if (!entry) {
      this.draft.areas.push({ areaId: area.id, sides: [], zones: [zone], concerns: [], severity: null, note: '' })
      this.followSuggestedPlan()
    } else {
      entry.zones = entry.zones.includes(zone) ? entry.zones.filter((z) => z !== zone) : [...entry.zones, zone]
    }
    this.changed()
  }

  removeArea(areaId: string): void {
    this.draft.areas = this.draft.areas.filter((entry) => entry.areaId !== areaId)
    this.followSuggestedPlan()
    this.changed()
  }

  /** Until the practitioner edits them, sessions and interval follow the concerns marked. */
  followSuggestedPlan(): void {
    if (this.draft.plan.customised) return
    const suggestion = suggestedPlan(this.draft.areas, this.precautions.includes('pih'))
    this.draft.plan.sessions = suggestion?.sessions ?? null
    this.draft.plan.intervalWeeks = suggestion?.intervalWeeks ?? null
  }

  // Screening

  answerFor(questionId: string): ScreeningAnswer | undefined {
    return this.draft.screening.find((a) => a.questionId === questionId)
  }

  answer(questionId: string, change: Partial<Pick<ScreeningAnswer, 'answer' | 'note'>>): void {
    const existing = this.answerFor(questionId)
    if (existing) Object.assign(existing, change)
    else this.draft.screening.push({ questionId, answer: null, note: '', ...change })
    this.followSuggestedPlan()
    this.changed()
  }

  readonly flags = $derived(flaggedQuestionIds(this.draft.screening))
  /** Flagged answers that say "do not treat today". */
  readonly doNotTreat = $derived(doNotTreatIds(this.draft.screening))
  /** Precautions from the patient's record (age, skin type) and answers. */
  get precautions(): Precaution[] {
    return precautionsFor(this.patient, this.draft)
  }

  /** Answers "No" to every question without an answer yet; the practitioner then changes the exceptions. */
  answerRestNo(): void {
    for (const question of content.screening) {
      if (!this.answerFor(question.id)?.answer) this.answer(question.id, { answer: 'no' })
    }
  }

  // Progress

  /** How many photos the consult holds, as the Photos step last saw them. */
  photoCount = $state(0)

  /** Steps opened in this sitting, plus those that already held something when the consult opened. */
  #visited = $state.raw<ReadonlySet<ConsultStep>>(new Set())

  visit(step: ConsultStep): void {
    if (!this.#visited.has(step)) this.#visited = new Set([...this.#visited, step])
  }

  /** What each step holds, whether or not it was opened. */
  readonly #holds: Record<ConsultStep, StepMark> = $derived({
    guide: this.draft.guideShown.length > 0 ? 'done' : 'todo',
    areas: this.draft.areas.length > 0 || this.draft.noAreasNote.trim() !== '' ? 'done' : 'todo',
    screening:
      this.flags.length > 0
        ? 'flag'
        : content.screening.every((q) => q.retired || this.answerFor(q.id)?.answer)
          ? 'done'
          : 'todo',
    plan: this.draft.plan.sessions !== null && this.draft.plan.intervalWeeks !== null ? 'done' : 'todo',
    photos: this.photoCount > 0 ? 'done' : 'todo',
    review: 'todo'
  })

  /** A step is done (or flagged) only once it has been opened and holds what it needs. */
  readonly marks: Record<ConsultStep, StepMark> = $derived(
    Object.fromEntries(
      Object.entries(this.#holds).map(([step, mark]) => [step, this.#visited.has(step as ConsultStep) ? mark : 'todo'])
    ) as Record<ConsultStep, StepMark>
  )

  recordShown(screenIds: readonly string[]): void {
    const merged = [...this.draft.guideShown]
    for (const id of screenIds) if (!merged.includes(id)) merged.push(id)
    this.draft.guideShown = merged
    this.changed()
  }
}
