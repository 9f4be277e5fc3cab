import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Consult, ConsultPage, ConsultRecord, Patient } from '../../electron/contract'
import { matchExpression } from '../../db/queries/consult-search'
import { join } from 'node:path'
import { DATABASE_FILE_NAME, openDatabase } from '../../db/open'
import { migrations } from '../../db/migrations'
import { insertPatient } from '../../db/queries/patients'
import { insertConsult } from '../../db/queries/consults'
import { startService } from '../../electron/service'
import { makeTempDir } from '../support/temp-dir'
import { useTestService } from '../support/test-service'

const ts = useTestService()

async function consultFor(name: string, draft: Record<string, unknown>, sign = false): Promise<Consult> {
  const patient = await ts.call<Patient>('patients.create', { fullName: name })
  const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
  await ts.call('consults.saveDraft', {
    id: consult.id,
    draft: { practitioner: 'Dr Hart', consultedAt: consult.consultedAt, ...draft }
  })
  if (sign) await ts.sign(consult.id)
  return consult
}

const search = (input: Record<string, unknown>) => ts.call<ConsultPage>('consults.search', input)
const names = (page: ConsultPage) =>
  page.items.map((i) => i.patientName.replaceAll('\u0002', '').replaceAll('\u0003', ''))

describe('searching consults', () => {
  beforeEach(async () => {
    await consultFor(
      'Ada Lovelace',
      {
        consultedAt: '2025-03-01T10:00:00.000Z',
        areas: [{ areaId: 'face', concerns: ['acne-scars'] }],
        screening: [{ questionId: 'keloid', answer: 'yes' }],
        notes: 'Wants smoother cheeks before the wedding.'
      },
      true
    )
    await consultFor('Grace Hopper', {
      consultedAt: '2026-06-01T10:00:00.000Z',
      areas: [{ areaId: 'legs', sides: ['left'], concerns: ['stretch-marks'] }],
      screening: [{ questionId: 'pregnant', answer: 'yes' }],
      notes: 'Stretch marks since pregnancy.'
    })
    await consultFor(
      'Katherine Johnson',
      {
        consultedAt: '2024-01-15T10:00:00.000Z',
        areas: [{ areaId: 'neck', concerns: ['fine-lines'] }],
        notes: 'Numbing cream preferred.'
      },
      true
    )
  })

  it('lists every consult newest first when nothing is typed', async () => {
    const page = await search({})
    expect(page.total).toBe(3)
    expect(names(page)).toEqual(['Grace Hopper', 'Ada Lovelace', 'Katherine Johnson'])
  })

  it('finds by the start of a name and marks the match', async () => {
    const page = await search({ query: 'lov' })
    expect(names(page)).toEqual(['Ada Lovelace'])
    expect(page.items[0]!.patientName).toBe('Ada \u0002Lovelace\u0003')
  })

  it('finds by a word from the notes, a concern label or an amendment', async () => {
    expect(names(await search({ query: 'wedd' }))).toEqual(['Ada Lovelace'])
    expect((await search({ query: 'wedding' })).items[0]!.snippet).toContain('\u0002wedding\u0003')
    expect(names(await search({ query: 'wrinkles' }))).toEqual(['Katherine Johnson'])
    const [ada] = (await search({ query: 'ada' })).items
    await ts.amend(ada!.id, 'Rebooked for October.', 'Dr Hart')
    expect(names(await search({ query: 'rebooked' }))).toEqual(['Ada Lovelace'])
  })

  it('needs every word typed to match', async () => {
    expect(names(await search({ query: 'grace stretch' }))).toEqual(['Grace Hopper'])
    expect(names(await search({ query: 'grace wedding' }))).toEqual([])
  })

  it('filters by area, concern, status, either flag level and dates, alone or with a search', async () => {
    expect(names(await search({ areaId: 'legs' }))).toEqual(['Grace Hopper'])
    expect(names(await search({ concernId: 'acne-scars' }))).toEqual(['Ada Lovelace'])
    expect(names(await search({ status: 'draft' }))).toEqual(['Grace Hopper'])
    expect(names(await search({ flagged: true }))).toEqual(['Grace Hopper', 'Ada Lovelace'])
    expect(names(await search({ doNotTreat: true }))).toEqual(['Grace Hopper'])
    expect(names(await search({ doNotTreat: true, query: 'stretch' }))).toEqual(['Grace Hopper'])
    expect(names(await search({ doNotTreat: true, query: 'wedding' }))).toEqual([])
    expect(names(await search({ from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }))).toEqual([
      'Ada Lovelace'
    ])
    expect(names(await search({ status: 'signed', query: 'numb' }))).toEqual(['Katherine Johnson'])
    expect(names(await search({ status: 'signed', query: 'stretch' }))).toEqual([])
  })

  it('pages through results with a total', async () => {
    const first = await search({ limit: 2 })
    const second = await search({ limit: 2, offset: 2 })
    expect(first.total).toBe(3)
    expect([...names(first), ...names(second)]).toEqual(['Grace Hopper', 'Ada Lovelace', 'Katherine Johnson'])
  })

  it('follows a draft as it changes', async () => {
    const grace = (await search({ query: 'grace' })).items[0]!
    await ts.call('consults.saveDraft', {
      id: grace.id,
      draft: { consultedAt: '2026-06-01T10:00:00.000Z', notes: 'Moved to a sunbed-free summer.' }
    })
    expect(names(await search({ query: 'sunbed' }))).toEqual(['Grace Hopper'])
    expect(names(await search({ query: 'pregnancy' }))).toEqual([])
  })

  it('treats search operators and quotes as plain text', async () => {
    for (const query of ['"', 'AND', 'NEAR(ada', 'ada OR', '*', 'lov"elace', '-ada', 'patient_name:ada']) {
      const result = await ts.dispatch('consults.search', { query })
      expect(result.ok, query).toBe(true)
    }
    expect(matchExpression('  ')).toBeNull()
    expect(matchExpression('Lov"e ÉLO')).toBe('"lov"* "e"* "élo"*')
  })

  it('refuses a start date after the end date', async () => {
    const result = await ts.dispatch('consults.search', {
      from: '2026-01-02T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z'
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { to: expect.stringContaining('start date') } }
    })
  })
})

describe('the search index', () => {
  it('indexes at start a draft the app saved but stopped before indexing', async () => {
    const hedy = await consultFor('Hedy Lamarr', {})
    const current = await ts.call<ConsultRecord>('consults.get', { id: hedy.id })
    const draft = { practitioner: 'Dr Hart', consultedAt: hedy.consultedAt, notes: 'Frequency hopping' }
    const saved = await ts.service.dispatch(
      'consults.saveDraft',
      { id: hedy.id, baseUpdatedAt: current.consult.updatedAt, draft },
      { session: ts.session }
    )
    expect(saved.ok).toBe(true)
    // The save has answered; its index entry was to follow on the next turn, but the app stops first.
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath, { readonly: true })
      const queued = raw.prepare(
        'SELECT c.id FROM consult_reindex_queue q JOIN consults c ON c.rowid = q.consult_rowid'
      )
      expect(queued.pluck().all()).toEqual([hedy.id])
      raw.close()
    })
    const raw = new Database(ts.service.databasePath, { readonly: true })
    expect(raw.prepare('SELECT count(*) FROM consult_reindex_queue').pluck().get()).toBe(0)
    raw.close()
    expect(names(await search({ query: 'hopping' }))).toEqual(['Hedy Lamarr'])
  })

  it('finds a draft in the search the moment its save has answered', async () => {
    await consultFor('Hedy Lamarr', { notes: 'Frequency hopping' })
    expect(names(await search({ query: 'hopping' }))).toEqual(['Hedy Lamarr'])
    expect(names(await search({ query: 'hop', status: 'draft' }))).toContain('Hedy Lamarr')
  })
})

describe('the upgrade that brought the index queue (migration 170)', () => {
  it('queues the consults an earlier version left out of the search, and the next start indexes them', async () => {
    const dir = makeTempDir()
    try {
      const file = join(dir.path, DATABASE_FILE_NAME)
      const before = openDatabase(file, { migrations: migrations.filter((m) => m.version < 170) })
      const patient = insertPatient(before, {
        fullName: 'Hedy Lamarr',
        dateOfBirth: null,
        phone: null,
        email: null,
        fitzpatrick: null,
        notes: null
      })
      const consult = insertConsult(before, patient.id, 'Dr Hart')
      before.prepare("UPDATE consults SET notes = 'Frequency hopping' WHERE id = ?").run(consult.id)
      before.close()

      const upgraded = openDatabase(file)
      expect(upgraded.prepare('SELECT count(*) FROM consult_reindex_queue').pluck().get()).toBe(1)
      upgraded.close()

      const service = startService({ dataDir: dir.path, info: { name: 'test', version: '0', mode: 'browser' } })
      const raw = new Database(file, { readonly: true })
      expect(raw.prepare('SELECT count(*) FROM consult_reindex_queue').pluck().get()).toBe(0)
      expect(
        raw.prepare("SELECT count(*) FROM consult_search WHERE consult_search MATCH 'hopping'").pluck().get()
      ).toBe(1)
      raw.close()
      service.close()
    } finally {
      dir.remove()
    }
  })
})
