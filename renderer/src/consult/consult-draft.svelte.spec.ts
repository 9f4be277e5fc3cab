import content from 'virtual:content'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { consultDraftSchema, type Consult } from '../../../electron/contract'
import { ConsultDraftState, suggestedPlan } from './consult-draft.svelte'

const saveDraft = vi.hoisted(() => vi.fn())
vi.mock('../lib/api', () => ({ api: { consults: { saveDraft } } }))

const area = (id: string) => content.areas.find((a) => a.id === id)!
const sided = content.areas.find((a) => a.sided)!
const concern = content.concerns[0]!

function newConsult(): ConsultDraftState {
  const consult = {
    ...consultDraftSchema.parse({ consultedAt: '2025-03-01T10:00:00.000Z' }),
    id: 'c1',
    patientId: 'p1',
    status: 'draft'
  } as Consult
  return new ConsultDraftState(consult, 'Ada Lovelace', { dateOfBirth: null, fitzpatrick: null })
}

beforeEach(() => {
  saveDraft.mockReset()
  saveDraft.mockResolvedValue({ ok: true, value: {} })
})

describe('a consult being edited', () => {
  it('marks and unmarks an area; a sided area keeps its entry while either side is marked', () => {
    const draft = newConsult()
    draft.toggleRegion(area('face'), undefined)
    expect(draft.isMarked(area('face'), undefined)).toBe(true)

    draft.toggleRegion(sided, 'left')
    draft.toggleRegion(sided, 'right')
    expect(draft.entryFor(sided.id)?.sides).toEqual(['left', 'right'])
    draft.toggleRegion(sided, 'left')
    expect(draft.isMarked(sided, 'left')).toBe(false)
    expect(draft.isMarked(sided, 'right')).toBe(true)
    draft.toggleRegion(sided, 'right')
    expect(draft.entryFor(sided.id)).toBeUndefined()

    draft.toggleRegion(area('face'), undefined)
    expect(draft.draft.areas).toEqual([])
  })

  it('follows the suggested plan for the concerns marked until the practitioner edits it', () => {
    const draft = newConsult()
    draft.toggleRegion(area('face'), undefined)
    draft.entryFor('face')!.concerns.push(concern.id)
    draft.followSuggestedPlan()
    expect(draft.draft.plan).toMatchObject({ sessions: concern.sessions, intervalWeeks: concern.intervalWeeks })
    expect(suggestedPlan(draft.draft.areas)).toEqual({
      sessions: concern.sessions,
      intervalWeeks: concern.intervalWeeks
    })

    Object.assign(draft.draft.plan, { sessions: 9, customised: true })
    draft.removeArea('face')
    expect(draft.draft.plan.sessions).toBe(9)
  })

  it('shows each step as done, flagged or to do, as the consult fills in', () => {
    const draft = newConsult()
    expect(draft.marks).toEqual({
      guide: 'todo',
      areas: 'todo',
      screening: 'todo',
      plan: 'todo',
      photos: 'todo',
      review: 'todo'
    })
    // A step is ticked only once it has been opened and holds what it needs.
    for (const step of ['guide', 'areas', 'screening'] as const) draft.visit(step)

    draft.recordShown([content.guide[0]!.id])
    draft.toggleRegion(area('face'), undefined)
    const [first, ...rest] = content.screening
    draft.answer(first!.id, { answer: 'no' })
    expect(draft.marks.screening).toBe('todo')
    for (const question of rest) draft.answer(question.id, { answer: 'no' })
    expect(draft.marks).toMatchObject({ guide: 'done', areas: 'done', screening: 'done' })

    const [question] = content.screening
    draft.answer(question!.id, { answer: question!.flagOn[0]! })
    expect(draft.flags).toEqual([question!.id])
    expect(draft.marks.screening).toBe('flag')
  })

  it('saves the latest draft after changes, once', async () => {
    const draft = newConsult()
    draft.toggleRegion(area('face'), undefined)
    draft.answer(content.screening[0]!.id, { note: 'asked' })
    await draft.flush()
    expect(saveDraft).toHaveBeenCalledOnce()
    const [{ id, draft: saved }] = saveDraft.mock.calls[0]!
    expect(id).toBe('c1')
    expect(saved.areas.map((a: { areaId: string }) => a.areaId)).toEqual(['face'])
    expect(saved.screening[0]).toMatchObject({ note: 'asked', answer: null })
    draft.dispose()
  })
})
