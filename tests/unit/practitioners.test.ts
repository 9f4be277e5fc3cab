import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { AuditEntry, Consult, Patient, Practitioner, SetupState } from '../../electron/contract'
import { PinThrottle } from '../../electron/service/pins'
import { useTestService } from '../support/test-service'

describe('practitioners and PINs', () => {
  const ts = useTestService()

  it('first run sets up the clinic and one practitioner, once', async () => {
    expect(await ts.call<SetupState>('setup.state', undefined)).toEqual({ done: false })
    await ts.call('setup.complete', { clinicName: 'Harbour Skin Clinic', practitionerName: 'Dr Amelia Hart', pin: '1357' })
    expect(await ts.call<SetupState>('setup.state', undefined)).toEqual({ done: true })
    expect(await ts.call('settings.get', undefined)).toMatchObject({ settings: { clinicName: 'Harbour Skin Clinic' } })
    expect(await ts.dispatch('setup.complete', { clinicName: 'X', practitionerName: 'Y', pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
  })

  it('stores PINs only as salted scrypt hashes', async () => {
    await ts.call('practitioners.add', { name: 'Dr Amelia Hart', pin: '1357' })
    await ts.call('practitioners.add', { name: 'Nurse Tom Reid', pin: '1357' })
    const raw = new Database(ts.service.databasePath, { readonly: true })
    const hashes = (raw.prepare('SELECT pin_hash FROM practitioners').all() as { pin_hash: string }[]).map((r) => r.pin_hash)
    raw.close()
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(hashes[0]).not.toBe(hashes[1]) // same PIN, different salt
    expect(hashes.join()).not.toContain('1357')
  })

  it('are added, renamed, deactivated and given a new PIN, with clear refusals', async () => {
    const hart = await ts.call<Practitioner>('practitioners.add', { name: 'Dr Amelia Hart', pin: '1357' })
    expect(await ts.dispatch('practitioners.add', { name: 'dr amelia hart', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await ts.dispatch('practitioners.add', { name: 'Nurse Kim', pin: '12a4' })).toMatchObject({ ok: false, error: { fields: { pin: 'A PIN is 4 to 8 digits.' } } })
    await ts.call('practitioners.rename', { id: hart.id, name: 'Dr Amelia Hart-Okoye' })
    expect(await ts.dispatch('practitioners.setActive', { id: hart.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('must stay active') }
    })
    const kim = await ts.call<Practitioner>('practitioners.add', { name: 'Nurse Kim', pin: '2468' })
    await ts.call('practitioners.setActive', { id: kim.id, active: false })
    expect(await ts.call<Practitioner[]>('practitioners.list', undefined)).toEqual([
      { id: hart.id, name: 'Dr Amelia Hart-Okoye', active: true },
      { id: kim.id, name: 'Nurse Kim', active: false }
    ])
    expect(await ts.dispatch('practitioners.changePin', { id: hart.id, currentPin: '0000', newPin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', fields: { currentPin: expect.any(String) } }
    })
    await ts.call('practitioners.changePin', { id: hart.id, currentPin: '1357', newPin: '9999' })
    await ts.call('practitioners.verify', { id: hart.id, pin: '9999', purpose: 'unlock' })
    expect(await ts.dispatch('practitioners.verify', { id: kim.id, pin: '2468', purpose: 'unlock' })).toMatchObject({ ok: false })
    expect((await ts.call<AuditEntry[]>('audit.list', {}))[0]).toMatchObject({ action: 'unlocked', actor: 'Dr Amelia Hart-Okoye' })
  })

  it('signing needs the signer’s PIN and records who signed', async () => {
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.call('consults.saveDraft', { id: consult.id, draft: { consultedAt: consult.consultedAt, practitioner: 'Dr Hart', noAreasNote: 'Info only' } })
    const hopper = await ts.practitioner('Dr Grace Hopper')
    expect(await ts.dispatch('consults.sign', { id: consult.id, practitionerId: hopper, pin: '1111' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', fields: { pin: 'That PIN is not right.' } }
    })
    expect((await ts.sign(consult.id)).consult.signedBy).toBe('Dr Grace Hopper')
  })
})

describe('wrong PINs', () => {
  it('are slowed down after three misses, doubling, and cleared by a right one', () => {
    let now = 0
    const throttle = new PinThrottle(() => now)
    for (let i = 0; i < 3; i++) {
      throttle.check('a')
      throttle.missed('a')
    }
    throttle.check('a') // three misses: no wait yet
    throttle.missed('a') // fourth: 5 s
    expect(() => throttle.check('a')).toThrow(/Try again in 5 seconds/)
    expect(() => throttle.check('b')).not.toThrow()
    now += 5_000
    throttle.check('a')
    throttle.missed('a') // fifth: 10 s
    now += 9_000
    expect(() => throttle.check('a')).toThrow(/Try again in 1 second\./)
    throttle.cleared('a')
    expect(() => throttle.check('a')).not.toThrow()
  })
})
