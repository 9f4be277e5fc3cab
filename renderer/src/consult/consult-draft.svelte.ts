import content from 'virtual:content'
import type { Area, Side } from '../../../content/schema'
import {
  flaggedQuestionIds,
  type AreaEntry,
  type Consult,
  type ConsultDraft,
  type ScreeningAnswer
} from '../../../electron/contract'
import { api } from '../lib/api'
import type { ConsultStep } from '../lib/router.svelte'
import { Autosaver, type SaveState } from './autosave'

export type StepMark = 'done' | 'flag' | 'todo'

function draftOf(consult: Consult): ConsultDraft {
  const { practitioner, consultedAt, areas, noAreasNote, screening, plan, notes, guideShown } = consult
  return { practitioner, consultedAt, areas, noAreasNote, screening, plan, notes, guideShown }
}

/** Sessions and interval suggested by the content for the concerns marked. */
export function suggestedPlan(areas: readonly AreaEntry[]): { sessions: number; intervalWeeks: number } | null {
  const concerns = content.concerns.filter((c) => areas.some((a) => a.concerns.includes(c.id)))
  if (concerns.length === 0) return null
  return {
    sessions: Math.max(...concerns.map((c) => c.sessions)),
    intervalWeeks: Math.min(...concerns.map((c) => c.intervalWeeks))
  }
}

/** One consult being edited: its fields, what to save, and how far along each step is. */
export class ConsultDraftState {
  readonly id: string
  readonly patientId: string
  readonly patientName: string
  draft = $state<ConsultDraft>() as ConsultDraft
  #saveState = $state<SaveState>('saved')
  #saveError = $state<string | null>(null)
  readonly #autosaver: Autosaver<ConsultDraft>

  constructor(consult: Consult, patientName: string) {
    this.id = consult.id
    this.patientId = consult.patientId
    this.patientName = patientName
    this.draft = draftOf(consult)
    this.#autosaver = new Autosaver(
      (draft) => api.consults.saveDraft({ id: this.id, draft }),
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
      this.draft.areas.push({ areaId: area.id, sides: side ? [side] : [], zones: [], concerns: [], severity: null, note: '' })
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

  removeArea(areaId: string): void {
    this.draft.areas = this.draft.areas.filter((entry) => entry.areaId !== areaId)
    this.followSuggestedPlan()
    this.changed()
  }

  /** Until the practitioner edits them, sessions and interval follow the concerns marked. */
  followSuggestedPlan(): void {
    if (this.draft.plan.customised) return
    const suggestion = suggestedPlan(this.draft.areas)
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
    this.changed()
  }

  readonly flags = $derived(flaggedQuestionIds(this.draft.screening))

  // Progress

  readonly marks: Record<ConsultStep, StepMark> = $derived({
    guide: this.draft.guideShown.length > 0 ? 'done' : 'todo',
    areas: this.draft.areas.length > 0 || this.draft.noAreasNote.trim() !== '' ? 'done' : 'todo',
    screening:
      this.flags.length > 0
        ? 'flag'
        : content.screening.every((q) => this.answerFor(q.id)?.answer)
          ? 'done'
          : 'todo',
    plan: this.draft.plan.sessions !== null ? 'done' : 'todo',
    photos: 'todo',
    review: 'todo'
  })

  recordShown(screenIds: readonly string[]): void {
    const merged = [...this.draft.guideShown]
    for (const id of screenIds) if (!merged.includes(id)) merged.push(id)
    this.draft.guideShown = merged
    this.changed()
  }
}
