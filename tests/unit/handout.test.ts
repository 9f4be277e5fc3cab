import content from 'virtual:content'
import { describe, expect, it } from 'vitest'
import {
  defaultSettings,
  type AuditEntry,
  type ClinicSettings,
  type Consult,
  type ConsultRecord,
  type HandoutPrint,
  type Patient,
  type SettingsState
} from '../../electron/contract'
import { assembleHandout } from '../../renderer/src/handout/assemble'
import { useTestService } from '../support/test-service'

const settings: ClinicSettings = {
  ...defaultSettings,
  clinicName: 'Harbour Skin Clinic',
  address: '12 Quay Street\nBristol',
  phone: '+44 117 496 0000',
  makeupHours: 12
}

const record = {
  patientName: 'Ada Lovelace',
  amendments: [],
  handouts: [],
  integrity: 'unsigned',
  flags: [],
  doNotTreat: [],
  patient: { dateOfBirth: null, fitzpatrick: null },
  precautions: [],
  consult: {
    practitioner: 'Dr Grace Hopper',
    consultedAt: '2026-03-02T10:00:00.000Z',
    areas: [
      {
        areaId: 'face',
        sides: [],
        zones: ['Cheeks'],
        concerns: ['acne-scars', 'pores'],
        severity: 'moderate',
        note: 'private note'
      },
      { areaId: 'arms', sides: ['left'], zones: [], concerns: [], severity: null, note: '' }
    ],
    plan: {
      sessions: 3,
      intervalWeeks: 4,
      customised: true,
      addOns: ['prp'],
      timeline: 'Over two months.',
      priceQuote: '750'
    },
    notes: 'Internal notes never reach the patient.'
  }
} as unknown as ConsultRecord

describe('assembling a handout', () => {
  const handout = assembleHandout(content, settings, record)

  it('puts the clinic, the patient, the practitioner and the consult date on it', () => {
    expect(handout.clinic).toMatchObject({ name: 'Harbour Skin Clinic', addressLines: ['12 Quay Street', 'Bristol'] })
    expect(handout.patientName).toBe('Ada Lovelace')
    expect(handout.practitioner).toBe('Dr Grace Hopper')
    expect(handout.date).toBe('2026-03-02T10:00:00.000Z')
    expect(handout.title).toBe(content.handout.title)
  })

  it('names the areas and concerns in plain words, with sides', () => {
    expect(handout.areas).toEqual([
      {
        title: 'Face',
        concerns: 'marks left by past acne and pores that look large',
        severity: 'moderate',
        zones: 'Cheeks'
      },
      { title: 'Arms, left side', concerns: '', severity: null, zones: '' }
    ])
  })

  it('states the plan', () => {
    expect(handout.plan).toEqual({
      sessions: '3 sessions, about 4 weeks apart',
      timeline: 'Over two months.',
      addOns: 'PRP (platelet-rich plasma)',
      priceQuote: '750',
      insurance: ''
    })
  })

  it('speaks the clinic’s locale: US spelling throughout, and insurance only when chosen', () => {
    const us = assembleHandout(content, { ...settings, spelling: 'us', mentionInsurance: true }, record)
    const text = JSON.stringify(us)
    expect(text).toContain('Leave makeup off the area for 12 hours.')
    expect(text).not.toMatch(/make-up|anaesthetic|colour/)
    expect(us.plan!.insurance).toBe(content.locale.insurance.text)
    expect(JSON.stringify(handout)).toContain('make-up')
  })

  it('fills the clinic’s own timings and contact into the wording, and leaves private notes out', () => {
    expect(handout.aftercare).toContain('Leave make-up off the area for 12 hours.')
    expect(handout.warningNote).toContain('call Harbour Skin Clinic on +44 117 496 0000')
    const everything = JSON.stringify(handout)
    expect(everything).not.toMatch(/\{\w+\}/)
    expect(everything).not.toContain('private note')
    expect(everything).not.toContain('Internal notes')
    expect(handout.missing).toEqual([])
  })

  it('makes a general handout with no patient, and says what settings are missing', () => {
    const general = assembleHandout(content, defaultSettings, null, new Date('2026-05-05T09:00:00Z'))
    expect(general).toMatchObject({
      patientName: null,
      practitioner: null,
      areas: [],
      plan: null,
      title: content.handout.generalTitle
    })
    expect(general.date).toBe('2026-05-05T09:00:00.000Z')
    expect(general.missing).toEqual(['the clinic’s name', 'a phone number'])
    expect(general.warningNote).toContain('call the clinic on the number you were given')
  })
})

describe('a handout that follows the patient', () => {
  const withFlags = {
    ...record,
    flags: ['cold-sores', 'keloid', 'pregnant'],
    doNotTreat: ['pregnant'],
    precautions: ['pih'],
    consult: {
      ...record.consult,
      areas: [{ areaId: 'face', sides: [], zones: [], concerns: ['pigmentation'], severity: null, note: '' }],
      screening: [
        { questionId: 'cold-sores', answer: 'yes', note: '' },
        { questionId: 'keloid', answer: 'unsure', note: 'Ear piercing scar' },
        { questionId: 'pregnant', answer: 'yes', note: '' }
      ],
      overrideReason: 'Booked for after the birth.',
      signedBy: 'Dr Hart'
    }
  } as unknown as ConsultRecord
  const handout = assembleHandout(content, settings, withFlags)
  const question = (id: string) => content.screening.find((q) => q.id === id)!

  it('adds the advice of each flagged answer, and none for answers not given', () => {
    expect(handout.forYou).toContain(question('cold-sores').advice)
    expect(handout.forYou).toContain(question('pregnant').advice)
    expect(handout.forYou).not.toContain(question('tanning').advice)
    expect(assembleHandout(content, settings, record).forYou).toEqual([])
  })

  it('adds the dark-mark precautions and the melasma caveat, with their sources', () => {
    for (const line of content.precautions.pih.handout) expect(handout.forYou).toContain(line)
    expect(handout.forYou.join(' ')).toMatch(/melasma/i)
    const urls = handout.sources.map((s) => s.url)
    for (const url of content.precautions.pih.sources) expect(urls).toContain(url)
  })

  it('adds the risks and aftercare of a chosen add-on only', () => {
    const prp = content.addOns.find((a) => a.id === 'prp')!
    expect(handout.addOns).toEqual([{ label: prp.label, risks: prp.risks, aftercare: prp.aftercare }])
    expect(handout.addOns.map((a) => a.label)).not.toContain(content.addOns.find((a) => a.id === 'rf')!.label)
    expect(handout.sources.map((s) => s.url)).toEqual(expect.arrayContaining(prp.sources))
  })

  it('gives the clinic copy both flag levels, the precautions and the reason for going ahead', () => {
    expect(handout.clinicCopy).toEqual({
      doNotTreat: [{ question: question('pregnant').question, answer: 'yes', note: '' }],
      judgement: [
        { question: question('cold-sores').question, answer: 'yes', note: '' },
        { question: question('keloid').question, answer: 'unsure', note: 'Ear piercing scar' }
      ],
      precautions: [content.precautions.pih.label],
      overrideReason: 'Booked for after the birth.',
      signedBy: 'Dr Hart'
    })
    expect(assembleHandout(content, settings, null).clinicCopy).toBeNull()
  })
})

describe('settings and handout records', () => {
  const ts = useTestService()

  it('start from defaults, refuse bad values, and keep good ones', async () => {
    // First-run setup saved the clinic's name; everything else is as it comes.
    expect(await ts.call<SettingsState>('settings.get', undefined)).toEqual({
      settings: { ...defaultSettings, clinicName: 'Test Clinic' },
      saved: true
    })
    const bad = await ts.dispatch('settings.save', {
      ...settings,
      phone: 'ring me',
      poolHours: -1,
      logo: 'data:image/svg+xml;base64,AAAA'
    })
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { phone: expect.any(String), poolHours: expect.any(String), logo: expect.any(String) }
      }
    })
    await ts.call('settings.save', settings)
    expect(await ts.call<SettingsState>('settings.get', undefined)).toEqual({ settings, saved: true })
  })

  it('refuse to print without the clinic’s phone number, which the handout tells patients to call', async () => {
    const refused = await ts.dispatch('handouts.record', { consultId: null, paper: 'A4', action: 'print' })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/phone number in Settings/) }
    })
    expect((await ts.call<AuditEntry[]>('audit.list', {})).map((e) => e.action)).toEqual(['set-up']) // nothing printed
  })

  it('record printing on the consult, and refuse desktop printing in browser mode', async () => {
    const { settings } = await ts.call<SettingsState>('settings.get', undefined)
    await ts.call('settings.save', { ...settings, clinicName: 'Harbour Skin Clinic', phone: '+44 117 496 0000' })
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.call<HandoutPrint>('handouts.record', { consultId: consult.id, paper: 'Letter', action: 'print' })
    await ts.call<HandoutPrint>('handouts.record', { consultId: null, paper: 'A4', action: 'print' })
    const found = await ts.call<ConsultRecord>('consults.get', { id: consult.id })
    expect(found.handouts).toMatchObject([{ consultId: consult.id, action: 'print', paper: 'Letter' }])

    expect(await ts.dispatch('handouts.print', { consultId: consult.id, paper: 'A4' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' }
    })
    expect(
      await ts.dispatch('handouts.record', {
        consultId: '00000000-0000-4000-8000-000000000000',
        paper: 'A4',
        action: 'pdf'
      })
    ).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
