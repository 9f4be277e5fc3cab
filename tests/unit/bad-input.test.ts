import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  channels,
  findCall,
  type Consult,
  type ConsultRecord,
  type ExportPage,
  type Patient
} from '../../electron/contract'
import { databaseDigest } from '../support/db-digest'
import { useTestService } from '../support/test-service'

const RUNS = 10_000

/** Payloads that are close to real ones (objects with the right keys and wrong values) or anything at all. */
const payload = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true
  }),
  fc.dictionary(
    fc.constantFrom(
      'id',
      'patientId',
      'fullName',
      'query',
      'draft',
      'areas',
      'notes',
      'consultId',
      'paper',
      'action',
      'text',
      'author',
      'limit',
      'offset',
      'dateOfBirth',
      'fitzpatrick',
      'clinicName',
      'phone',
      '__proto__',
      'constructor'
    ),
    fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.anything(), { maxLength: 3 }),
      fc.object()
    )
  ),
  fc.string({ maxLength: 2000 })
)

describe('malformed input at the boundary', () => {
  const ts = useTestService()

  it(`refuses ${RUNS.toLocaleString('en')} malformed payloads across every call, with a message, changing nothing`, async () => {
    await ts.call('patients.create', { fullName: 'Ada Lovelace' })
    const before = databaseDigest(ts.service.databasePath)
    let refused = 0
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), payload, async (channel, input) => {
        fc.pre(!findCall(channel)!.input.safeParse(input).success) // only what the schema calls malformed
        const result = await ts.dispatch(channel, input)
        expect(result.ok).toBe(false)
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_input')
          expect(result.error.message.length).toBeGreaterThan(5)
        }
        refused++
      }),
      { numRuns: RUNS, maxSkipsPerRun: 1000 }
    )
    expect(refused).toBeGreaterThanOrEqual(RUNS)
    expect(databaseDigest(ts.service.databasePath)).toBe(before)
    // Still running and answering well-formed calls.
    expect((await ts.dispatch('patients.search', { query: 'ada' })).ok).toBe(true)
  }, 120_000)
})

describe('valid but adversarial input through the real dispatch', () => {
  const ts = useTestService()
  const ADVERSARIAL_RUNS = 400

  it(`answers ${ADVERSARIAL_RUNS} well-formed hostile calls without an internal error, and a signed record never changes`, async () => {
    const ada = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace', dateOfBirth: '1990-12-10' })
    const grace = await ts.call<Patient>('patients.create', { fullName: 'Grace Hopper' })
    const signed = await ts.call<Consult>('consults.create', { patientId: ada.id })
    await ts.call('consults.saveDraft', {
      id: signed.id,
      draft: { consultedAt: signed.consultedAt, practitioner: 'Dr Hart', noAreasNote: 'Information only' }
    })
    await ts.sign(signed.id, 'Dr Hart')
    await ts.amend(signed.id, 'Called back.', 'Dr Hart')
    const draft = await ts.call<Consult>('consults.create', { patientId: grace.id })
    const practitionerId = await ts.practitioner('Dr Hart')
    const before = await ts.call<ConsultRecord>('consults.get', { id: signed.id })
    const exported = (await ts.call<ExportPage>('transfer.exportPage', { patientId: ada.id, offset: 0, limit: 10 }))
      .items[0]!

    const someId = fc.oneof(
      fc.constantFrom(signed.id, draft.id, ada.id, grace.id, practitionerId, before.amendments[0]!.id),
      fc.uuid({ version: 4 })
    )
    const edgeText = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '\u0000',
        '\u202E\u0041',
        '\uFEFF',
        '👩🏽‍⚕️'.repeat(20),
        'a\u0301'.repeat(50),
        "'; DROP TABLE consults; --",
        '"x" MATCH *'
      ),
      fc.constant('x'.repeat(10_000))
    )
    const edgeDate = fc.constantFrom(
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00+14:00',
      '2024-02-29T12:00:00-12:00',
      new Date().toISOString()
    )
    const draftInput = fc.record({
      consultedAt: edgeDate,
      notes: edgeText.map((t) => t.slice(0, 10_000)),
      practitioner: edgeText.map((t) => t.trim().slice(0, 120))
    })
    const call = fc.oneof(
      fc.record({ channel: fc.constant('consults.saveDraft'), input: fc.record({ id: someId, draft: draftInput }) }),
      fc.record({ channel: fc.constant('consults.get'), input: fc.record({ id: someId }) }),
      fc.record({ channel: fc.constant('consults.create'), input: fc.record({ patientId: someId }) }),
      fc.record({ channel: fc.constant('consults.forPatient'), input: fc.record({ patientId: someId }) }),
      fc.record({
        channel: fc.constant('patients.create'),
        input: fc.record({ fullName: edgeText.map((t) => `${t.slice(0, 190)}x`) })
      }),
      fc.record({
        channel: fc.constant('consults.search'),
        input: fc.record({ query: edgeText.map((t) => t.slice(0, 200)), from: fc.constant(null) })
      }),
      fc.record({
        channel: fc.constant('handouts.record'),
        input: fc.record({ consultId: someId, action: fc.constant('print'), paper: fc.constant('A4') })
      }),
      fc.record({
        channel: fc.constant('transfer.exportPage'),
        input: fc.record({
          patientId: fc.oneof(fc.constant(null), someId),
          offset: fc.nat(5),
          limit: fc.integer({ min: 1, max: 500 })
        })
      }),
      fc.record({
        channel: fc.constant('transfer.importBatch'),
        input: fc
          .record({
            id: someId,
            patientId: someId,
            notes: edgeText.map((t) => t.slice(0, 10_000)),
            amendmentId: someId
          })
          .map(({ id, patientId, notes, amendmentId }) => ({
            items: [
              {
                ...exported,
                consult: { ...exported.consult, id, patientId, notes },
                patient: { ...exported.patient, id: patientId },
                amendments: exported.amendments.map((a) => ({ ...a, id: amendmentId, consultId: id }))
              }
            ]
          }))
      }),
      fc.record({
        channel: fc.constant('consults.amend'),
        input: fc.record({
          id: someId,
          practitionerId: someId,
          pin: fc.constantFrom('2468', '0000'),
          text: edgeText.map((t) => `${t.slice(0, 4000)}x`)
        })
      })
    )

    await fc.assert(
      fc.asyncProperty(call, async ({ channel, input }) => {
        if (!findCall(channel)!.input.safeParse(input).success) return // only well-formed calls here
        const result = await ts.dispatch(channel, input)
        if (!result.ok) expect(result.error.code, `${channel}: ${result.error.message}`).not.toBe('internal')
      }),
      { numRuns: ADVERSARIAL_RUNS }
    )

    const after = await ts.call<ConsultRecord>('consults.get', { id: signed.id })
    expect(after.consult).toEqual(before.consult)
    expect(after.amendments.slice(0, before.amendments.length)).toEqual(before.amendments)
    expect(after.integrity).toBe('ok')
  }, 600_000)
})
