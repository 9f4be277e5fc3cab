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
  consult: {
    consultedAt: '2026-03-02T10:00:00.000Z',
    areas: [
      { areaId: 'face', sides: [], zones: ['Cheeks'], concerns: ['acne-scars', 'pores'], severity: 'moderate', note: 'private note' },
      { areaId: 'arms', sides: ['left'], zones: [], concerns: [], severity: null, note: '' }
    ],
    plan: { sessions: 3, intervalWeeks: 4, customised: true, addOns: ['prp'], timeline: 'Over two months.', priceQuote: '750' },
    notes: 'Internal notes never reach the patient.'
  }
} as unknown as ConsultRecord

describe('assembling a handout', () => {
  const handout = assembleHandout(content, settings, record)

  it('puts the clinic, the patient and the consult date on it', () => {
    expect(handout.clinic).toMatchObject({ name: 'Harbour Skin Clinic', addressLines: ['12 Quay Street', 'Bristol'] })
    expect(handout.patientName).toBe('Ada Lovelace')
    expect(handout.date).toBe('2026-03-02T10:00:00.000Z')
    expect(handout.title).toBe(content.handout.title)
  })

  it('names the areas and concerns in plain words, with sides', () => {
    expect(handout.areas).toEqual([
      { title: 'Face', concerns: 'marks left by past acne and pores that look large', severity: 'moderate', zones: 'Cheeks' },
      { title: 'Arms, left side', concerns: '', severity: null, zones: '' }
    ])
  })

  it('states the plan', () => {
    expect(handout.plan).toEqual({
      sessions: '3 sessions, about 4 weeks apart',
      timeline: 'Over two months.',
      addOns: 'PRP (platelet-rich plasma)',
      priceQuote: '750'
    })
  })

  it('fills the clinic’s own timings and contact into the wording, and leaves private notes out', () => {
    expect(handout.aftercare).toContain('No make-up on the area for 12 hours.')
    expect(handout.warningNote).toContain('call Harbour Skin Clinic on +44 117 496 0000')
    const everything = JSON.stringify(handout)
    expect(everything).not.toMatch(/\{\w+\}/)
    expect(everything).not.toContain('private note')
    expect(everything).not.toContain('Internal notes')
    expect(handout.missing).toEqual([])
  })

  it('makes a general handout with no patient, and says what settings are missing', () => {
    const general = assembleHandout(content, defaultSettings, null, new Date('2026-05-05T09:00:00Z'))
    expect(general).toMatchObject({ patientName: null, areas: [], plan: null, title: content.handout.generalTitle })
    expect(general.date).toBe('2026-05-05T09:00:00.000Z')
    expect(general.missing).toEqual(['the clinic’s name', 'a phone number'])
    expect(general.warningNote).toContain('call the clinic on the number you were given')
  })
})

describe('settings and handout records', () => {
  const ts = useTestService()

  it('start from defaults, refuse bad values, and keep good ones', async () => {
    expect(await ts.call<SettingsState>('settings.get', undefined)).toEqual({ settings: defaultSettings, saved: false })
    const bad = await ts.dispatch('settings.save', { ...settings, phone: 'ring me', poolHours: -1, logo: 'data:image/svg+xml;base64,AAAA' })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { phone: expect.any(String), poolHours: expect.any(String), logo: expect.any(String) } }
    })
    await ts.call('settings.save', settings)
    expect(await ts.call<SettingsState>('settings.get', undefined)).toEqual({ settings, saved: true })
  })

  it('refuse to print without the clinic’s phone number, which the handout tells patients to call', async () => {
    const refused = await ts.dispatch('handouts.record', { consultId: null, paper: 'A4', action: 'print' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/phone number in Settings/) } })
    expect(await ts.call<AuditEntry[]>('audit.list', {})).toEqual([])
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
      await ts.dispatch('handouts.record', { consultId: '00000000-0000-4000-8000-000000000000', paper: 'A4', action: 'pdf' })
    ).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
