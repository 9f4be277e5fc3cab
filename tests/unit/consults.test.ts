import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { Consult, ConsultDraft, ConsultRecord, Patient } from '../../electron/contract'
import { canonicalJson } from '../../electron/service/consult-hash'
import { TestService, useTestService } from '../support/test-service'

const ts = useTestService()

async function newConsult(): Promise<Consult> {
  const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
  return await ts.call<Consult>('consults.create', { patientId: patient.id })
}

const fullDraft = (consult: Consult): ConsultDraft => ({
  practitioner: 'Dr Grace Hopper',
  consultedAt: consult.consultedAt,
  areas: [
    {
      areaId: 'face',
      sides: [],
      zones: ['Cheeks'],
      concerns: ['acne-scars'],
      severity: 'moderate',
      note: 'Rolling scars'
    },
    { areaId: 'arms', sides: ['left', 'right'], zones: [], concerns: ['stretch-marks'], severity: 'mild', note: '' }
  ],
  noAreasNote: '',
  screening: [
    { questionId: 'isotretinoin-past', answer: 'yes', note: 'Stopped 4 months ago' },
    { questionId: 'pregnant', answer: 'no', note: '' },
    { questionId: 'keloid', answer: 'unsure', note: '' }
  ],
  plan: {
    sessions: 3,
    intervalWeeks: 4,
    customised: false,
    addOns: ['prp'],
    timeline: 'Three sessions over two months.',
    priceQuote: '€750'
  },
  notes: 'Wants to start after the summer.',
  guideShown: ['what-it-is', 'risks']
})

describe('a consult draft', () => {
  it('starts empty for an existing patient, and refuses an unknown patient', async () => {
    const consult = await newConsult()
    expect(consult).toMatchObject({ status: 'draft', areas: [], screening: [], notes: '', signedAt: null })
    const missing = await ts.dispatch('consults.create', { patientId: '00000000-0000-4000-8000-000000000000' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('keeps every field it is saved with, and counts flagged screening answers', async () => {
    const consult = await newConsult()
    const draft = fullDraft(consult)
    await ts.call('consults.saveDraft', { id: consult.id, draft })
    const record = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(record.consult).toMatchObject(draft)
    expect(record.patientName).toBe('Ada Lovelace')
    expect(record.flags).toEqual(['isotretinoin-past', 'keloid'])
    expect(record.integrity).toBe('unsigned')
  })

  it('accepts a half-filled draft', async () => {
    const consult = await newConsult()
    const saved = await ts.dispatch('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt }
    })
    expect(saved.ok).toBe(true)
  })

  it.each([
    ['an unknown area', { areas: [{ areaId: 'elbows' }] }, /"elbows" is not a known area/],
    ['an arm with no side', { areas: [{ areaId: 'arms', sides: [] }] }, /left side, the right side, or both/],
    ['a face with a side', { areas: [{ areaId: 'face', sides: ['left'] }] }, /Only arms, legs/],
    ['an unknown concern', { areas: [{ areaId: 'face', concerns: ['freckles'] }] }, /not a known concern/],
    ['a bad severity', { areas: [{ areaId: 'face', severity: 'severe' }] }, /mild|moderate|marked/],
    ['an unknown question', { screening: [{ questionId: 'x', answer: 'yes' }] }, /not a known screening question/],
    ['zero sessions', { plan: { sessions: 0 } }, /at least 1 session/],
    ['an unknown guide screen', { guideShown: ['nope'] }, /not a known guide screen/]
  ])('refuses %s and keeps what was saved before', async (_, change, message) => {
    const consult = await newConsult()
    const draft = fullDraft(consult)
    await ts.call('consults.saveDraft', { id: consult.id, draft })
    const result = await ts.dispatch('consults.saveDraft', { id: consult.id, draft: { ...draft, ...change } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(message)
    const record = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(record.consult).toMatchObject(draft)
  })
})

describe('signing', () => {
  it('needs an area or a “no areas” note', async () => {
    const consult = await newConsult()
    const refused = await ts.signResult(consult.id)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { areas: expect.any(String) } }
    })
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, noAreasNote: 'Came for information only.' }
    })
    expect((await ts.sign(consult.id)).consult.status).toBe('signed')
  })

  it('makes whoever signs with their PIN the consult’s one practitioner', async () => {
    const consult = await newConsult()
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { ...fullDraft(consult), practitioner: 'Dr Grace Hopper' }
    })
    const signed = await ts.sign(consult.id, 'Nurse Kim')
    expect(signed.consult).toMatchObject({ practitioner: 'Nurse Kim', signedBy: 'Nurse Kim' })
    expect(signed.integrity).toBe('ok')
    const list = await ts.call<{ practitioner: string }[]>('consults.forPatient', { patientId: consult.patientId })
    expect(list[0]?.practitioner).toBe('Nurse Kim')
  })

  it('stores a hash that checks out, and makes the consult read-only', async () => {
    const consult = await newConsult()
    await ts.call('consults.saveDraft', { id: consult.id, draft: fullDraft(consult) })
    const signed = await ts.sign(consult.id)
    expect(signed.consult).toMatchObject({ status: 'signed', signedBy: 'Dr Grace Hopper' })
    expect(signed.consult.contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(signed.integrity).toBe('ok')

    const edit = await ts.dispatch('consults.saveDraft', {
      id: consult.id,
      draft: { ...fullDraft(consult), notes: 'changed' }
    })
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await ts.signResult(consult.id)).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const record = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(record.consult.notes).toBe('Wants to start after the summer.')
  })

  it('shows a mismatch when the signed content is changed behind the app’s back', async () => {
    const consult = await newConsult()
    await ts.call('consults.saveDraft', { id: consult.id, draft: fullDraft(consult) })
    await ts.sign(consult.id)
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      expect(() => raw.prepare("UPDATE consults SET notes = 'tampered' WHERE id = ?").run(consult.id)).toThrow(
        /signed consult cannot be changed/
      )
      raw.exec('DROP TRIGGER consults_refuse_update')
      raw.prepare("UPDATE consults SET notes = 'tampered' WHERE id = ?").run(consult.id)
      raw.close()
    })
    const record = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(record.integrity).toBe('mismatch')
  })

  it('asks for a reason when the plan goes ahead over a “do not treat” answer, and stores it under the signature', async () => {
    const consult = await newConsult()
    const draft = fullDraft(consult)
    const pregnant = {
      ...draft,
      screening: [
        ...draft.screening.filter((a) => a.questionId !== 'pregnant'),
        { questionId: 'pregnant', answer: 'yes' as const, note: '' }
      ]
    }
    await ts.call('consults.saveDraft', { id: consult.id, draft: pregnant })
    const before = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(before.doNotTreat).toEqual(['pregnant'])
    expect(before.flags).toEqual(['isotretinoin-past', 'keloid', 'pregnant'])

    const refused = await ts.signResult(consult.id, 'Dr Grace Hopper', '  ')
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { overrideReason: expect.stringMatching(/do not treat/) } }
    })

    const signed = await ts.sign(
      consult.id,
      'Dr Grace Hopper',
      'Plan starts after breastfeeding ends; dates to be set then.'
    )
    expect(signed.consult.overrideReason).toBe('Plan starts after breastfeeding ends; dates to be set then.')
    expect(signed.integrity).toBe('ok')
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      raw.exec('DROP TRIGGER consults_refuse_update')
      raw.prepare("UPDATE consults SET override_reason = 'changed later' WHERE id = ?").run(consult.id)
      raw.close()
    })
    expect((await ts.call<ConsultRecord>('consults.get', { id: consult.id })).integrity).toBe('mismatch')
  })

  it('signs a “do not treat” consult without a reason when no sessions are planned, and stores no reason', async () => {
    const consult = await newConsult()
    const draft = fullDraft(consult)
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: {
        ...draft,
        screening: [{ questionId: 'cold-sore-now', answer: 'yes', note: '' }],
        plan: { ...draft.plan, sessions: null }
      }
    })
    const signed = await ts.sign(consult.id)
    expect(signed.doNotTreat).toEqual(['cold-sore-now'])
    expect(signed.consult.overrideReason).toBeNull()
  })

  it('hashes content independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}'
    )
  })
})

describe('amendments', () => {
  it('are refused on a draft, appended in order on a signed consult, and never edited', async () => {
    const consult = await newConsult()
    await ts.call('consults.saveDraft', { id: consult.id, draft: fullDraft(consult) })
    const hopper = await ts.practitioner('Dr Hopper')
    const early = await ts.dispatch('consults.amend', {
      id: consult.id,
      practitionerId: hopper,
      pin: TestService.PIN,
      text: 'Too soon'
    })
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict' } })

    await ts.sign(consult.id)
    await ts.amend(consult.id, 'Patient called: stopped isotretinoin 6 months ago.', 'Dr Hopper')
    await ts.amend(consult.id, 'Moved first session to 3 March.', 'Nurse Kim')
    const blank = await ts.dispatch('consults.amend', {
      id: consult.id,
      practitionerId: hopper,
      pin: TestService.PIN,
      text: ' '
    })
    expect(blank).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { text: expect.any(String) } } })
    const wrongPin = await ts.dispatch('consults.amend', {
      id: consult.id,
      practitionerId: hopper,
      pin: '1111',
      text: 'Not me'
    })
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const record = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(record.amendments.map((a) => [a.author, a.text])).toEqual([
      ['Dr Hopper', 'Patient called: stopped isotretinoin 6 months ago.'],
      ['Nurse Kim', 'Moved first session to 3 March.']
    ])
    expect(record.integrity).toBe('ok')

    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      expect(() => raw.exec("UPDATE amendments SET text = 'rewritten'")).toThrow(/cannot be changed/)
      expect(() => raw.exec('DELETE FROM amendments')).toThrow(/cannot be deleted/)
      raw.close()
    })
  })
})

describe('precautions from the patient’s record', () => {
  const recordFor = async (fields: Partial<Patient>, screening: ConsultDraft['screening'] = []) => {
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Mary Seacole', ...fields })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: '2026-06-01T10:00:00.000Z', screening }
    })
    return ts.call<ConsultRecord>('consults.get', { id: consult.id })
  }

  it('flags a patient under 22 on the consult date, and not one who turned 22 that day', async () => {
    expect((await recordFor({ dateOfBirth: '2004-06-02' })).precautions).toEqual(['under22'])
    expect((await recordFor({ dateOfBirth: '2004-06-01' })).precautions).toEqual([])
  })

  it('raises the dark-mark precautions for skin types IV to VI, or an answer about past dark marks', async () => {
    expect((await recordFor({ fitzpatrick: 4 })).precautions).toEqual(['pih'])
    expect((await recordFor({ fitzpatrick: 3 })).precautions).toEqual([])
    expect(
      (await recordFor({ fitzpatrick: 2 }, [{ questionId: 'dark-marks', answer: 'yes', note: '' }])).precautions
    ).toEqual(['pih'])
  })
})

describe('a patient’s consults', () => {
  it('are listed newest first with their areas and flag counts', async () => {
    const first = await newConsult()
    await ts.call('consults.saveDraft', {
      id: first.id,
      draft: { ...fullDraft(first), consultedAt: '2026-01-10T10:00:00.000Z' }
    })
    const second = await ts.call<Consult>('consults.create', { patientId: first.patientId })
    expect(second.practitioner).toBe('Dr Grace Hopper') // remembered from the last consult
    const list = await ts.call<{ id: string; areaIds: string[]; flagCount: number }[]>('consults.forPatient', {
      patientId: first.patientId
    })
    expect(list.map((c) => c.id)).toEqual([second.id, first.id])
    expect(list[1]).toMatchObject({ areaIds: ['face', 'arms'], flagCount: 2, doNotTreatCount: 0 })
  })
})
