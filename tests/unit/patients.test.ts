import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AuditEntry, Consult, ConsultPage, Patient, PatientCount } from '../../electron/contract'
import { DATABASE_FILE_NAME, openDatabase } from '../../db/open'
import { insertPatient } from '../../db/queries/patients'
import { useTestService } from '../support/test-service'

describe('editing a patient', () => {
  const ts = useTestService()

  it('saves every editable field and records which ones changed in the audit log', async () => {
    const ada = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace', phone: '+44 20 7946 0000' })
    const edited = await ts.call<Patient>('patients.update', {
      id: ada.id,
      fullName: 'Ada King',
      dateOfBirth: '1985-12-10',
      phone: '+44 20 7946 0000',
      email: 'ada@example.com',
      fitzpatrick: 2,
      notes: 'Prefers morning appointments.'
    })
    expect(edited).toMatchObject({
      id: ada.id,
      fullName: 'Ada King',
      dateOfBirth: '1985-12-10',
      email: 'ada@example.com',
      fitzpatrick: 2,
      notes: 'Prefers morning appointments.',
      createdAt: ada.createdAt
    })
    expect(await ts.call<Patient>('patients.get', { id: ada.id })).toEqual(edited)
    const [entry] = await ts.call<AuditEntry[]>('audit.list', { limit: 5 })
    expect(entry).toMatchObject({
      action: 'patient-edited',
      subject: 'patient Ada King',
      detail: 'changed name, date of birth, e-mail, skin type, notes'
    })
  })

  it('records nothing when nothing changed', async () => {
    const ada = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    await ts.call('patients.update', { id: ada.id, fullName: 'Ada Lovelace' })
    expect((await ts.call<AuditEntry[]>('audit.list', { limit: 5 })).map((e) => e.action)).toEqual(['set-up']) // no edit recorded
  })

  it('refuses bad input field by field and an unknown patient, changing nothing', async () => {
    const ada = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const bad = await ts.dispatch('patients.update', { id: ada.id, fullName: ' ', email: 'not-an-address' })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { fullName: expect.any(String), email: expect.any(String) } }
    })
    const missing = await ts.dispatch('patients.update', {
      id: '00000000-0000-4000-8000-000000000000',
      fullName: 'Nobody'
    })
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await ts.call<Patient>('patients.get', { id: ada.id })).toEqual(ada)
  })

  it('puts a new name into the consult search, so past consults are found by it', async () => {
    const ada = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    await ts.call<Consult>('consults.create', { patientId: ada.id })
    await ts.call('patients.update', { id: ada.id, fullName: 'Ada Byron' })
    const found = await ts.call<ConsultPage>('consults.search', { query: 'byron' })
    expect(found.total).toBe(1)
  })
})

describe('the Patients list', () => {
  const ts = useTestService()

  async function fillWith(count: number): Promise<void> {
    await ts.restart(() => {
      const db = openDatabase(join(ts.dataDir, DATABASE_FILE_NAME))
      db.transaction(() => {
        for (let i = 0; i < count; i++) {
          const name = `Patient ${String(i).padStart(5, '0')}`
          insertPatient(db, {
            fullName: name,
            dateOfBirth: null,
            phone: null,
            email: null,
            fitzpatrick: null,
            notes: null
          })
        }
      })()
      db.close()
    })
  }

  it('counts the matches and pages through all of them, each patient once', async () => {
    await fillWith(120)
    expect(await ts.call<PatientCount>('patients.count', { query: '' })).toEqual({ total: 120, exact: true })
    expect(await ts.call<PatientCount>('patients.count', { query: 'patient 0010' })).toEqual({ total: 10, exact: true })
    const seen: string[] = []
    for (let offset = 0; offset < 120; offset += 50) {
      seen.push(
        ...(await ts.call<Patient[]>('patients.search', { query: '', limit: 50, offset })).map((p) => p.fullName)
      )
    }
    expect(seen).toHaveLength(120)
    expect(new Set(seen).size).toBe(120)
    expect(seen[0]).toBe('Patient 00000')
    expect(seen.at(-1)).toBe('Patient 00119')
  })

  it('stays fast with 20,000 patients: a page and a count, deep in the list, well under 50 ms', async () => {
    await fillWith(20_000)
    const timed = async (run: () => Promise<unknown>) => {
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const start = performance.now()
        await run()
        times.push(performance.now() - start)
      }
      return times.sort((a, b) => a - b)[2]!
    }
    expect(await timed(() => ts.call('patients.search', { query: '', limit: 50, offset: 19_900 }))).toBeLessThan(50)
    expect(await timed(() => ts.call('patients.count', { query: '' }))).toBeLessThan(50)
    // Past 1,000 the count stops: the list says "1,000+".
    expect(await ts.call<PatientCount>('patients.count', { query: '' })).toEqual({ total: 1000, exact: false })
    expect(await ts.call<PatientCount>('patients.count', { query: 'ent 1999' })).toEqual({ total: 10, exact: true })
    expect(await timed(() => ts.call('patients.search', { query: 'ent 1999', limit: 50 }))).toBeLessThan(50)
    expect((await ts.call<Patient[]>('patients.search', { query: '', limit: 50, offset: 19_990 })).length).toBe(10)
  }, 60_000)
})
