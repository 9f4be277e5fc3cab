import content from 'virtual:content'
import type { Answer, FlagLevel } from '../../content/schema'
import type { ConsultDraft, Plan, ScreeningAnswer } from './consults'

// The consult's rules that the page applies too (flags, precautions, what signing needs):
// no schemas here, so the renderer can import them without loading zod.

export const severities = ['mild', 'moderate', 'marked'] as const
export type Severity = (typeof severities)[number]

/** The draft fields of a consult: what the practitioner edits, and what every signing method covers. */
export function clinicalContent(consult: ConsultDraft): ConsultDraft {
  const { practitioner, consultedAt, areas, noAreasNote, screening, plan, notes, guideShown } = consult
  return { practitioner, consultedAt, areas, noAreasNote, screening, plan, notes, guideShown }
}

/**
 * What signing still needs, as a message per field; empty when the consult can be signed.
 * The practitioner is not asked for: whoever signs with their PIN becomes the consult's.
 */
export function signingProblems(consult: Pick<ConsultDraft, 'areas' | 'noAreasNote'>): Record<string, string> {
  const problems: Record<string, string> = {}
  if (consult.areas.length === 0 && consult.noAreasNote.trim() === '') {
    problems['areas'] = 'Mark at least one area, or write a note on the Areas step saying why there are none.'
  }
  return problems
}

const questions = new Map(content.screening.map((q) => [q.id, q]))

/** Whether an answer calls for the practitioner's judgement, per the content. */
export function isFlagged(answer: ScreeningAnswer): boolean {
  const question = questions.get(answer.questionId)
  return answer.answer !== null && question !== undefined && question.flagOn.includes(answer.answer as Answer)
}

export const flaggedQuestionIds = (screening: readonly ScreeningAnswer[]): string[] =>
  screening.filter(isFlagged).map((a) => a.questionId)

/** How serious a flag on this question is: a labelled contraindication, or a matter of judgement. */
export const flagLevel = (questionId: string): FlagLevel => questions.get(questionId)?.level ?? 'judgement'

/** Flagged answers that say "do not treat today". */
export const doNotTreatIds = (screening: readonly ScreeningAnswer[]): string[] =>
  flaggedQuestionIds(screening).filter((id) => flagLevel(id) === 'do-not-treat')

/** What the consults table keeps for the list filters. */
export const flagCounts = (screening: readonly ScreeningAnswer[]) => ({
  flagCount: flaggedQuestionIds(screening).length,
  doNotTreatCount: doNotTreatIds(screening).length
})

/** True when the plan goes ahead with treatment: at least one session is planned. */
export const planGoesAhead = (plan: Pick<Plan, 'sessions'>): boolean => (plan.sessions ?? 0) > 0

/** Signing a plan that goes ahead over a "do not treat today" answer needs a reason. */
export const needsOverrideReason = (draft: Pick<ConsultDraft, 'screening' | 'plan'>): boolean =>
  planGoesAhead(draft.plan) && doNotTreatIds(draft.screening).length > 0

/** The message when a needed reason is missing, or null. */
export const overrideProblem = (draft: Pick<ConsultDraft, 'screening' | 'plan'>, reason: string): string | null =>
  needsOverrideReason(draft) && reason.trim() === ''
    ? 'An answer says do not treat today, yet the plan goes ahead. Write why, or clear the sessions.'
    : null

/** The patient's details that raise precautions. */
export interface PatientFacts {
  /** YYYY-MM-DD, or null when not recorded. */
  readonly dateOfBirth: string | null
  /** Fitzpatrick skin type 1–6, or null. */
  readonly fitzpatrick: number | null
}

/** under22: younger than the FDA's authorised age; pih: a higher risk of dark marks after injury. */
export type Precaution = 'under22' | 'pih'

/** Age in whole years on a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** The precautions a consult raises from the patient's record and its answers. */
export function precautionsFor(
  patient: PatientFacts,
  draft: Pick<ConsultDraft, 'screening' | 'consultedAt'>
): Precaution[] {
  const found: Precaution[] = []
  if (patient.dateOfBirth && ageOn(patient.dateOfBirth, draft.consultedAt.slice(0, 10)) < 22) found.push('under22')
  const pihAnswer = flaggedQuestionIds(draft.screening).some((id) => questions.get(id)?.precaution === 'pih')
  if (pihAnswer || (patient.fitzpatrick !== null && content.precautions.pih.skinTypes.includes(patient.fitzpatrick))) {
    found.push('pih')
  }
  return found
}
