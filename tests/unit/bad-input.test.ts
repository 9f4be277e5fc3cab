import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { channels, findCall } from '../../electron/contract'
import { databaseDigest } from '../support/db-digest'
import { useTestService } from '../support/test-service'

const RUNS = 10_000

/** Payloads that are close to real ones (objects with the right keys and wrong values) or anything at all. */
const payload = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
  fc.dictionary(
    fc.constantFrom('id', 'patientId', 'fullName', 'query', 'draft', 'areas', 'notes', 'consultId', 'paper', 'action', 'text', 'author', 'limit', 'offset', 'dateOfBirth', 'fitzpatrick', 'clinicName', 'phone', '__proto__', 'constructor'),
    fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.object())
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
