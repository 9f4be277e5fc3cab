import { openReadOnly } from '../../db/open'
import { describe, expect, it } from 'vitest'
import type { AuditEntry, Consult, Patient, Practitioner, SetupState, Unlocked } from '../../electron/contract'
import { PinGuard, waitAfter } from '../../electron/service/pins'
import { TestService, useTestService } from '../support/test-service'

const PIN = TestService.PIN

const audit = async (ts: TestService) =>
  (await ts.call<AuditEntry[]>('audit.list', { limit: 1000 })).map((e) => [e.action, e.actor, e.subject])

function countRows(ts: TestService, sql: string): number {
  const raw = openReadOnly(ts.service.databasePath)
  try {
    return raw.prepare<[], number>(sql).pluck().get()!
  } finally {
    raw.close()
  }
}

describe('first run', () => {
  const ts = useTestService({ firstRun: true })

  it('sets up the clinic and one practitioner, once, and unlocks as them', async () => {
    expect(await ts.call<SetupState>('setup.state', undefined)).toEqual({ done: false })
    const unlocked = await ts.call<Unlocked>('setup.complete', {
      clinicName: 'Harbour Skin Clinic',
      practitionerName: 'Dr Amelia Hart',
      pin: '1357'
    })
    expect(unlocked.practitioner.name).toBe('Dr Amelia Hart')
    expect(await ts.call<SetupState>('setup.state', undefined)).toEqual({ done: true })
    expect(await ts.call('settings.get', undefined)).toMatchObject({ settings: { clinicName: 'Harbour Skin Clinic' } })
    expect(await ts.dispatch('setup.complete', { clinicName: 'X', practitionerName: 'Y', pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
    expect(await audit(ts)).toContainEqual(['set-up', 'Dr Amelia Hart', 'Harbour Skin Clinic'])
  })

  it('happens exactly once when five setups are sent at the same moment', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        ts.dispatch('setup.complete', { clinicName: `Clinic ${n}`, practitionerName: `Dr ${n}`, pin: '1357' })
      )
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'conflict')).toHaveLength(4)
    expect(countRows(ts, 'SELECT count(*) AS n FROM practitioners')).toBe(1)
  })
})

describe('practitioners', () => {
  const ts = useTestService()

  it('stores PINs only as salted scrypt hashes', async () => {
    await ts.call('practitioners.add', { name: 'Dr Amelia Hart', pin: '1357', approverPin: PIN })
    await ts.call('practitioners.add', { name: 'Nurse Tom Reid', pin: '1357', approverPin: PIN })
    const raw = openReadOnly(ts.service.databasePath)
    const hashes = raw
      .prepare<[], string>("SELECT pin_hash FROM practitioners WHERE name != 'Dr Grace Hopper'")
      .pluck()
      .all()
    raw.close()
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(hashes[0]).not.toBe(hashes[1]) // same PIN, different salt
    expect(hashes.join()).not.toContain('1357')
  })

  it('are added, renamed, deactivated and given a new PIN, with clear refusals, all in the audit log', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    const hart = await ts.call<Practitioner>('practitioners.add', {
      name: 'Dr Amelia Hart',
      pin: '1357',
      approverPin: PIN
    })
    expect(
      await ts.dispatch('practitioners.add', { name: 'dr amelia hart', pin: '2468', approverPin: PIN })
    ).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await ts.dispatch('practitioners.add', { name: 'Nurse Kim', pin: '12a4', approverPin: PIN })).toMatchObject({
      ok: false,
      error: { fields: { pin: 'A PIN is 4 to 8 digits.' } }
    })
    await ts.call('practitioners.rename', { id: hart.id, name: 'Dr Amelia Hart-Okoye', approverPin: PIN })
    const kim = await ts.call<Practitioner>('practitioners.add', { name: 'Nurse Kim', pin: '2468', approverPin: PIN })
    await ts.call('practitioners.setActive', { id: kim.id, active: false, approverPin: PIN })
    expect(await ts.call<Practitioner[]>('practitioners.list', undefined)).toEqual([
      { id: hart.id, name: 'Dr Amelia Hart-Okoye', active: true },
      { id: hopper, name: 'Dr Grace Hopper', active: true },
      { id: kim.id, name: 'Nurse Kim', active: false }
    ])
    expect(
      await ts.dispatch('practitioners.changePin', { id: hart.id, currentPin: '0000', newPin: '9999' })
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', fields: { currentPin: expect.any(String) } }
    })
    await ts.call('practitioners.changePin', { id: hart.id, currentPin: '1357', newPin: '9999' })
    await ts.call('session.unlock', { id: hart.id, pin: '9999' })
    expect(await ts.dispatch('session.unlock', { id: kim.id, pin: '2468' })).toMatchObject({ ok: false })
    const log = await audit(ts)
    for (const entry of [
      ['practitioner-added', 'Dr Grace Hopper', 'Dr Amelia Hart'],
      ['practitioner-renamed', 'Dr Grace Hopper', 'Dr Amelia Hart-Okoye'],
      ['practitioner-added', 'Dr Grace Hopper', 'Nurse Kim'],
      ['practitioner-deactivated', 'Dr Grace Hopper', 'Nurse Kim'],
      ['pin-failed', 'Dr Amelia Hart-Okoye', 'changing a PIN'],
      ['pin-changed', 'Dr Amelia Hart-Okoye', 'Dr Amelia Hart-Okoye'],
      ['unlocked', 'Dr Amelia Hart-Okoye', 'the app']
    ]) {
      expect(log).toContainEqual(entry)
    }
  }, 30_000)

  it('cannot be added, renamed or deactivated without the unlocking practitioner’s PIN', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    const kim = await ts.practitioner('Nurse Kim')
    const before = await ts.call<Practitioner[]>('practitioners.list', undefined)
    const attempts: [string, object][] = [
      ['practitioners.add', { name: 'Dr Grace Hopper 2', pin: '0000' }],
      ['practitioners.rename', { id: hopper, name: 'Someone Else' }],
      ['practitioners.setActive', { id: kim, active: false }]
    ]
    for (const [channel, input] of attempts) {
      expect(await ts.dispatch(channel, input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { approverPin: expect.any(String) } }
      })
      expect(await ts.dispatch(channel, { ...input, approverPin: '0000' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', fields: { approverPin: 'That PIN is not right.' } }
      })
    }
    // Nurse Kim's own PIN is a practitioner's PIN, but not the PIN of the one who unlocked.
    expect(
      await ts.dispatch('practitioners.rename', { id: hopper, name: 'Someone Else', approverPin: '1111' })
    ).toMatchObject({ ok: false })
    expect(await ts.call<Practitioner[]>('practitioners.list', undefined)).toEqual(before)
  }, 30_000)

  it('answer with no PIN hash: renaming to the same name gives back only id, name and active', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    expect(await ts.call('practitioners.rename', { id: hopper, name: 'Dr Grace Hopper', approverPin: PIN })).toEqual({
      id: hopper,
      name: 'Dr Grace Hopper',
      active: true
    })
    expect(await ts.call('practitioners.setActive', { id: hopper, active: true, approverPin: PIN })).toEqual({
      id: hopper,
      name: 'Dr Grace Hopper',
      active: true
    })
  })

  it('signing needs the signer’s PIN and records who signed', async () => {
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, practitioner: 'Dr Hart', noAreasNote: 'Info only' }
    })
    const hopper = await ts.practitioner('Dr Grace Hopper')
    expect(await ts.dispatch('consults.sign', { id: consult.id, practitionerId: hopper, pin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', fields: { pin: 'That PIN is not right.' } }
    })
    expect((await ts.sign(consult.id)).consult.signedBy).toBe('Dr Grace Hopper')
  })
})

describe('wrong PINs', () => {
  const ts = useTestService()

  it('are checked one at a time per practitioner, a failed check not stopping the next', async () => {
    const guard = new PinGuard()
    const running = new Map<string, number>()
    let most = 0
    const check = (id: string) =>
      guard
        .serially(id, async () => {
          running.set(id, (running.get(id) ?? 0) + 1)
          most = Math.max(most, running.get(id)!)
          await new Promise((resolve) => setTimeout(resolve, 5))
          running.set(id, running.get(id)! - 1)
          if (Math.random() < 0.3) throw new Error('a wrong PIN')
        })
        .catch(() => undefined)
    await Promise.all([
      ...Array.from({ length: 20 }, () => check('a')),
      ...Array.from({ length: 20 }, () => check('b'))
    ])
    expect(most).toBe(1)
  })

  it('wait longer and longer: none for three, then 5 s doubling up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10, 20].map(waitAfter)).toEqual([0, 0, 0, 5_000, 10_000, 20_000, 300_000, 300_000])
  })

  it('a burst of 300 wrong guesses sent at once has at most 5 checked, each failure and the lockout audited', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => ts.dispatch('session.unlock', { id: hopper, pin: String(1000 + i) }))
    )
    const checked = results.filter((r) => !r.ok && r.error.message === 'That PIN is not right.').length
    expect(checked).toBeGreaterThan(0)
    expect(checked).toBeLessThanOrEqual(5)
    expect(results.every((r) => !r.ok)).toBe(true)
    const log = await audit(ts)
    expect(log.filter(([action]) => action === 'pin-failed')).toHaveLength(checked)
    expect(log).toContainEqual(['pin-locked-out', 'Dr Grace Hopper', 'the app'])
    // Even the right PIN waits its turn now.
    expect(await ts.dispatch('session.unlock', { id: hopper, pin: PIN })).toMatchObject({
      ok: false,
      error: { message: /Try again in 5 seconds/ }
    })
  }, 30_000)

  it('are counted in the database: a restart does not clear the wait, and a right PIN after it does', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    for (const pin of ['1111', '2222', '3333', '4444']) {
      expect(await ts.dispatch('session.unlock', { id: hopper, pin })).toMatchObject({
        ok: false,
        error: { message: 'That PIN is not right.' }
      })
    }
    await ts.restart(() => {}, { unlock: false })
    expect(await ts.dispatch('session.unlock', { id: hopper, pin: PIN })).toMatchObject({
      ok: false,
      error: { message: /Try again in \d seconds/ }
    })
    ts.advance(5_000)
    expect(await ts.dispatch('session.unlock', { id: hopper, pin: PIN })).toMatchObject({ ok: true })
    expect(countRows(ts, 'SELECT count(*) AS n FROM pin_attempts')).toBe(0)
  })
})
