import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import content from 'virtual:content'
import { describe, expect, it, vi } from 'vitest'
import {
  formsForPlan,
  type Consult,
  type ConsentRecord,
  type ConsentSummary,
  type ConsultPage,
  type ExportPage,
  type ImportResult,
  type Patient,
  type PhotographyConsent
} from '../../electron/contract'
import { photosForClinicalRecordAllowed } from '../../electron/service/consents'
import { openDatabase } from '../../db/open'
import { useTestService } from '../support/test-service'

const ts = useTestService()
// Each PIN check is a deliberate scrypt hash (about 50 ms, more on a busy machine).
vi.setConfig({ testTimeout: 30_000 })

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const form = (id: string) => content.consent.find((f) => f.id === id)!
const sha = (text: string) => createHash('sha256').update(text).digest('hex')

async function consultFor(name = 'Ada Lovelace', plan: Record<string, unknown> = {}): Promise<Consult> {
  const patient = await ts.call<Patient>('patients.create', { fullName: name })
  const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
  if (Object.keys(plan).length > 0) {
    await ts.call('consults.saveDraft', { id: consult.id, draft: { consultedAt: consult.consultedAt, plan } })
  }
  return consult
}

async function signInput(consultId: string, formId = 'treatment', extra: Record<string, unknown> = {}) {
  return {
    consultId,
    formId,
    formVersion: form(formId).version,
    textSha256: sha(form(formId).text),
    choices: {},
    patientName: 'Ada Lovelace',
    signature: {
      width: 600,
      height: 200,
      strokes: [
        [
          [10, 10],
          [50, 40],
          [90, 20]
        ]
      ],
      png: PNG
    },
    agreed: false,
    practitionerId: await ts.practitioner('Dr Grace Hopper'),
    pin: '2468',
    ...extra
  }
}

const sign = async (consultId: string, formId = 'treatment', extra: Record<string, unknown> = {}) =>
  ts.call<ConsentRecord>('consents.sign', await signInput(consultId, formId, extra))

const missingIds = async () =>
  (await ts.call<ConsultPage>('consults.search', { consentMissing: true })).items.map((item) => item.id)

describe('the forms a plan needs', () => {
  const ids = (plan: { addOns: string[]; photos?: boolean }) => formsForPlan(content.consent, plan).map((f) => f.id)

  it('always the treatment form; PRP and RF forms with those add-ons; the photo form when photos are taken', () => {
    expect(ids({ addOns: [] })).toEqual(['treatment'])
    expect(ids({ addOns: ['prp'] })).toEqual(['treatment', 'prp'])
    expect(ids({ addOns: ['rf', 'tranexamic-acid'], photos: true })).toEqual(['treatment', 'rf', 'photography'])
  })
})

describe('signing a consent', () => {
  it('stores the form’s text exactly, its SHA-256, the choices, both signatures, and checks them when opened', async () => {
    const consult = await consultFor('Ada Lovelace', { addOns: [], photos: true })
    const record = await sign(consult.id, 'photography', {
      choices: { 'clinical-record': true, teaching: false, marketing: false }
    })
    expect(record.integrity).toBe('ok')
    expect(record.consent).toMatchObject({
      formId: 'photography',
      formVersion: form('photography').version,
      text: form('photography').text,
      textSha256: sha(form('photography').text),
      patientName: 'Ada Lovelace',
      countersignedBy: 'Dr Grace Hopper',
      method: 'drawn',
      signature: {
        strokes: [
          [
            [10, 10],
            [50, 40],
            [90, 20]
          ]
        ],
        png: PNG
      }
    })
    expect(record.consent.choices.map((c) => [c.id, c.answer])).toEqual([
      ['clinical-record', true],
      ['teaching', false],
      ['marketing', false]
    ])
    const audit = await ts.call<{ action: string; subject: string }[]>('audit.list', { limit: 5 })
    expect(audit[0]).toMatchObject({ action: 'signed-consent', subject: expect.stringContaining('Consent to photos') })
  })

  it('takes a typed name with an explicit “I agree” instead of a drawn signature, but not neither', async () => {
    const consult = await consultFor()
    const none = await ts.dispatch(
      'consents.sign',
      await signInput(consult.id, 'treatment', { signature: null, agreed: false })
    )
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { agreed: expect.stringMatching(/I agree/) } }
    })
    const typed = await sign(consult.id, 'treatment', { signature: null, agreed: true })
    expect(typed.consent).toMatchObject({ method: 'typed', signature: null })
  })

  it('refuses a wrong PIN, a text other than the one shown, unanswered choices, and a second active copy', async () => {
    const consult = await consultFor('Ada Lovelace', { addOns: [], photos: true })
    expect(await ts.dispatch('consents.sign', await signInput(consult.id, 'treatment', { pin: '1111' }))).toMatchObject(
      {
        ok: false,
        error: { fields: { pin: 'That PIN is not right.' } }
      }
    )
    expect(
      await ts.dispatch('consents.sign', await signInput(consult.id, 'treatment', { textSha256: sha('other words') }))
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
    expect(
      await ts.dispatch('consents.sign', await signInput(consult.id, 'photography', { choices: { teaching: true } }))
    ).toMatchObject({
      ok: false,
      error: { fields: { 'choices.clinical-record': 'Choose yes or no.' } }
    })
    await sign(consult.id)
    expect(await ts.dispatch('consents.sign', await signInput(consult.id))).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
  })
})

describe('a signed consent in the database', () => {
  it('cannot be changed, deleted, replaced or upserted; nor can a withdrawal', async () => {
    const consult = await consultFor()
    const { consent } = await sign(consult.id)
    await ts.call('consents.withdraw', {
      id: consent.id,
      reason: 'Changed her mind by phone.',
      practitionerId: await ts.practitioner('Dr Grace Hopper'),
      pin: '2468'
    })
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      expect(() => raw.prepare("UPDATE consents SET text = 'other' WHERE id = ?").run(consent.id)).toThrow(
        /cannot be changed/
      )
      expect(() => raw.prepare('DELETE FROM consents WHERE id = ?').run(consent.id)).toThrow(/cannot be deleted/)
      const columns =
        'id, patient_id, consult_id, form_id, form_version, form_effective, title, scope, text, text_sha256, choices, method, signature, patient_name, signed_at, countersigner_id, countersigned_by, record_hash'
      expect(() =>
        raw
          .prepare(
            `INSERT OR REPLACE INTO consents (${columns}) SELECT ${columns.replace('text,', "'forged',")} FROM consents WHERE id = ?`
          )
          .run(consent.id)
      ).toThrow(/cannot be replaced/)
      expect(() =>
        raw.prepare(`REPLACE INTO consents (${columns}) SELECT ${columns} FROM consents WHERE id = ?`).run(consent.id)
      ).toThrow(/cannot be replaced/)
      expect(() =>
        raw
          .prepare(
            `INSERT INTO consents (${columns}) SELECT ${columns} FROM consents WHERE id = ? ON CONFLICT (id) DO UPDATE SET text = 'forged'`
          )
          .run(consent.id)
      ).toThrow(/cannot be replaced/)
      expect(() => raw.prepare("UPDATE consent_withdrawals SET reason = 'x'").run()).toThrow(/cannot be changed/)
      expect(() => raw.prepare('DELETE FROM consent_withdrawals').run()).toThrow(/cannot be deleted/)
      expect(() =>
        raw.prepare('INSERT OR REPLACE INTO consent_withdrawals SELECT * FROM consent_withdrawals').run()
      ).toThrow(/already withdrawn/)
      raw.close()
    })
    expect((await ts.call<ConsentRecord>('consents.get', { id: consent.id })).consent.text).toBe(form('treatment').text)
  })

  it('shows a mismatch when its text or the patient’s name is changed behind the app’s back', async () => {
    const consult = await consultFor()
    const { consent } = await sign(consult.id)
    const other = await sign((await consultFor('Mary Somerville')).id, 'treatment', { patientName: 'Mary Somerville' })
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      raw.exec('DROP TRIGGER consents_are_read_only')
      raw.prepare("UPDATE consents SET text = replace(text, 'cannot promise', 'promise') WHERE id = ?").run(consent.id)
      raw.prepare("UPDATE consents SET patient_name = 'Someone Else' WHERE id = ?").run(other.consent.id)
      raw.close()
    })
    expect((await ts.call<ConsentRecord>('consents.get', { id: consent.id })).integrity).toBe('mismatch')
    expect((await ts.call<ConsentRecord>('consents.get', { id: other.consent.id })).integrity).toBe('mismatch')
    const list = await ts.call<ConsentSummary[]>('consents.forConsult', { consultId: consult.id })
    expect(list[0]!.integrity).toBe('mismatch')
  })

  it('refuses to sign a form whose wording changed while its version did not', async () => {
    const consult = await consultFor()
    await sign(consult.id)
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      // As an earlier version of the app would have stored it; the guard goes back as it was.
      const guard = raw
        .prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'consents_are_read_only'")
        .pluck()
        .get()!
      raw.exec('DROP TRIGGER consents_are_read_only')
      raw.prepare('UPDATE consents SET text_sha256 = ?').run(sha('an older wording'))
      raw.exec(guard)
      raw.close()
    })
    const next = await consultFor('Mary Somerville')
    expect(await ts.dispatch('consents.sign', await signInput(next.id))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/changed but its version did not/) }
    })
  })
})

describe('withdrawing consent', () => {
  it('appends a dated, signed entry; the consent stays as signed, and the consult misses it again', async () => {
    const consult = await consultFor()
    expect(await missingIds()).toEqual([consult.id])
    const { consent } = await sign(consult.id)
    expect(await missingIds()).toEqual([])
    const practitionerId = await ts.practitioner('Dr Grace Hopper')
    const withdrawn = await ts.call<ConsentRecord>('consents.withdraw', {
      id: consent.id,
      reason: 'Asked by letter.',
      practitionerId,
      pin: '2468'
    })
    expect(withdrawn.consent).toEqual(consent)
    expect(withdrawn.withdrawal).toMatchObject({
      reason: 'Asked by letter.',
      recordedBy: 'Dr Grace Hopper',
      entryHash: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    expect(withdrawn.integrity).toBe('ok')
    expect(await missingIds()).toEqual([consult.id])
    expect(
      await ts.dispatch('consents.withdraw', { id: consent.id, reason: 'Again.', practitionerId, pin: '2468' })
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
    const audit = await ts.call<{ action: string }[]>('audit.list', { limit: 3 })
    expect(audit[0]!.action).toBe('withdrew-consent')
  })
})

describe('consent on file', () => {
  it('flags consults whose plan needs a consent not yet signed, as the plan changes', async () => {
    const consult = await consultFor()
    await sign(consult.id)
    expect(await missingIds()).toEqual([])
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, plan: { addOns: ['prp'] } }
    })
    expect(await missingIds()).toEqual([consult.id])
    await sign(consult.id, 'prp')
    expect(await missingIds()).toEqual([])
  })

  it('keeps the photography consent for the patient: later consults need not sign it again; photos follow its choices', async () => {
    const consult = await consultFor('Ada Lovelace', { addOns: [], photos: true })
    expect(
      await ts.call<PhotographyConsent | null>('consents.photography', { patientId: consult.patientId })
    ).toBeNull()
    const { consent } = await sign(consult.id, 'photography', {
      choices: { 'clinical-record': true, teaching: true, marketing: false }
    })
    expect(await ts.call<PhotographyConsent | null>('consents.photography', { patientId: consult.patientId })).toEqual({
      consentId: consent.id,
      signedAt: consent.signedAt,
      choices: { 'clinical-record': true, teaching: true, marketing: false }
    })
    const db = openDatabase(ts.service.databasePath)
    expect(photosForClinicalRecordAllowed(db, consult.patientId)).toBe(true)
    const later = await ts.call<Consult>('consults.create', { patientId: consult.patientId })
    await ts.call('consults.saveDraft', {
      id: later.id,
      draft: { consultedAt: later.consultedAt, plan: { addOns: [], photos: true } }
    })
    const onFile = await ts.call<ConsentSummary[]>('consents.forConsult', { consultId: later.id })
    expect(onFile.map((c) => c.formId)).toEqual(['photography'])
    await ts.call('consents.withdraw', {
      id: consent.id,
      reason: 'No more photos.',
      practitionerId: await ts.practitioner('Dr Grace Hopper'),
      pin: '2468'
    })
    expect(photosForClinicalRecordAllowed(db, consult.patientId)).toBe(false)
    db.close()
  })

  it('travels in the JSON export and comes back once on import, withdrawal included', async () => {
    const consult = await consultFor()
    const { consent } = await sign(consult.id)
    const practitionerId = await ts.practitioner('Dr Grace Hopper')
    await ts.call('consents.withdraw', { id: consent.id, reason: 'Asked by letter.', practitionerId, pin: '2468' })
    const page = await ts.call<ExportPage>('transfer.exportPage', { patientId: null, offset: 0, limit: 50 })
    expect(page.items[0]!.consents).toHaveLength(1)
    const file = JSON.parse(JSON.stringify(page.items))
    ts.stop()
    await ts.start() // a fresh, empty database
    const first = await ts.call<ImportResult>('transfer.importBatch', { items: file })
    const again = await ts.call<ImportResult>('transfer.importBatch', { items: file })
    expect([first.added, again.skipped]).toEqual([1, 1])
    const list = await ts.call<ConsentSummary[]>('consents.forConsult', { consultId: consult.id })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ id: consent.id, integrity: 'ok', withdrawnAt: expect.any(String) })
  })
})
