import { openReadOnly } from '../../db/open'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  channels,
  contract,
  type Consult,
  type Group,
  type Patient,
  type Practitioner,
  type Unlocked
} from '../../electron/contract'
import { TestService, useTestService } from '../support/test-service'

const PIN = TestService.PIN

/** The calls answered while locked: the lock screen's and first run's needs, none touching patient data. */
const ANSWERED_WHILE_LOCKED = [
  'app.info',
  'app.health',
  'setup.state',
  'setup.complete',
  'session.unlock',
  'session.lock',
  'practitioners.list',
  'backups.restore'
]

/** Every call of the contract with a valid input, in an order that makes each one meaningful. */
function everyCall(
  ids: { patient: string; consult: string; consultedAt: string; hopper: string; kim: string },
  photo: { jpeg: Buffer; width: number; height: number }
): [string, unknown][] {
  const uploadId = crypto.randomUUID()
  const photoId = crypto.randomUUID()
  const takenAt = new Date().toISOString()
  const exported = {
    id: photoId,
    consultId: ids.consult,
    patientId: ids.patient,
    area: 'face',
    side: null,
    view: 'front',
    sha256: createHash('sha256').update(photo.jpeg).digest('hex'),
    bytes: photo.jpeg.length,
    width: photo.width,
    height: photo.height,
    takenAt,
    importedAt: takenAt
  }
  return [
    ['app.info', undefined],
    ['app.health', undefined],
    ['setup.state', undefined],
    ['setup.complete', { clinicName: 'Again', practitionerName: 'Dr Again', pin: '1234' }],
    ['session.unlock', { id: ids.hopper, pin: PIN }],
    ['session.current', undefined],
    ['practitioners.list', undefined],
    ['practitioners.add', { name: 'Nurse Lee', pin: '1234', approverPin: PIN }],
    ['practitioners.rename', { id: ids.kim, name: 'Nurse Kim', approverPin: PIN }],
    ['practitioners.setActive', { id: ids.kim, active: true, approverPin: PIN }],
    ['practitioners.changePin', { id: ids.kim, currentPin: PIN, newPin: PIN }],
    ['practitioners.verify', { id: ids.hopper, pin: PIN }],
    ['patients.create', { fullName: 'Grace Hopper' }],
    ['patients.get', { id: ids.patient }],
    ['patients.update', { id: ids.patient, fullName: 'Grace B. Hopper' }],
    ['patients.search', { query: '' }],
    ['patients.count', {}],
    ['consults.create', { patientId: ids.patient }],
    ['consults.get', { id: ids.consult }],
    [
      'consults.saveDraft',
      {
        id: ids.consult,
        draft: { consultedAt: ids.consultedAt, practitioner: 'Dr Grace Hopper', noAreasNote: 'Information only' }
      }
    ],
    ['photos.upload', { uploadId, index: 0, data: photo.jpeg.toString('base64') }],
    ['photos.restore', { uploadId, photo: exported, consultPhotos: [exported] }],
    ['photos.forConsult', { consultId: ids.consult }],
    ['photos.forPatient', { patientId: ids.patient }],
    ['photos.get', { id: photoId }],
    [
      'photos.import',
      { uploadId: crypto.randomUUID(), consultId: ids.consult, area: 'face', side: null, view: 'front', takenAt }
    ],
    ['photos.pickForHandout', { id: photoId, picked: true }],
    ['photos.handoutPicks', { consultId: ids.consult }],
    ['photos.remove', { id: photoId }],
    ['consults.sign', { id: ids.consult, practitionerId: ids.hopper, pin: PIN }],
    ['consults.amend', { id: ids.consult, practitionerId: ids.hopper, pin: PIN, text: 'Called back.' }],
    ['consults.forPatient', { patientId: ids.patient }],
    ['consults.search', {}],
    ['consents.forConsult', { consultId: ids.consult }],
    ['consents.forPatient', { patientId: ids.patient }],
    ['consents.photography', { patientId: ids.patient }],
    ['consents.get', { id: ids.consult }],
    ['consents.sign', undefined],
    ['consents.withdraw', undefined],
    ['consents.leave', { practitionerId: ids.hopper, pin: PIN }],
    ['consents.print', { id: ids.consult, paper: 'A4' }],
    ['consents.savePdf', { id: ids.consult, paper: 'A4' }],
    ['consents.record', { id: ids.consult, paper: 'A4', action: 'print' }],
    ['settings.get', undefined],
    ['settings.save', undefined],
    ['handouts.print', { consultId: ids.consult, paper: 'A4' }],
    ['handouts.savePdf', { consultId: ids.consult, paper: 'A4' }],
    ['handouts.record', { consultId: ids.consult, paper: 'A4', action: 'print' }],
    ['backups.list', undefined],
    ['backups.create', undefined],
    ['backups.preview', undefined],
    ['backups.removed', undefined],
    ['backups.restore', undefined],
    ['audit.list', { limit: 1000 }],
    ['transfer.exportPage', { patientId: null, offset: 0, limit: 500 }],
    ['transfer.importBatch', undefined],
    ['session.lock', undefined]
  ]
}

/** Field names that would mean secrets are leaving the service layer. */
const SECRET_FIELD = /pin|salt|hash|secret|private|cipher|key|scrypt/i
// Public keys and the ids of signing keys are meant to travel (exports carry them to check signatures), and so is a signed consent's hash.
const ALLOWED_FIELDS = new Set(['contentHash', 'keys', 'publicKey', 'signingKeyId', 'keyId', 'recordHash'])

function secretFields(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretFields(item, `${path}[${i}]`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(SECRET_FIELD.test(key) && !ALLOWED_FIELDS.has(key) ? [`${path}.${key}`] : []),
    ...secretFields(inner, `${path}.${key}`)
  ])
}

describe('no answer carries PIN material', () => {
  const ts = useTestService()

  it('walks every call of the contract: no PIN hash, salt or key in any answer, by field or by value', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    const kim = await ts.practitioner('Nurse Kim')
    const patient = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
    await ts.consentToPhotos(consult.id)
    const jpeg = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#c08060' } })
      .jpeg()
      .toBuffer()
    const calls = everyCall(
      { patient: patient.id, consult: consult.id, consultedAt: consult.consultedAt, hopper, kim },
      { jpeg, width: 8, height: 6 }
    )
    expect(calls.map(([channel]) => channel).sort()).toEqual([...channels].sort())

    const answers: unknown[] = []
    for (const [channel, input] of calls) {
      let given = input
      if (channel === 'settings.save')
        given = (await ts.call<{ settings: unknown }>('settings.get', undefined)).settings
      const latestBackup = async () => (await ts.call<{ name: string }[]>('backups.list', undefined))[0]!.name
      if (channel === 'backups.preview') given = { name: await latestBackup() }
      if (channel === 'backups.restore') given = { name: await latestBackup(), practitionerId: hopper, pin: PIN }
      if (channel === 'transfer.importBatch') {
        given = {
          items: (
            await ts.call<{ items: unknown[] }>('transfer.exportPage', { patientId: null, offset: 0, limit: 500 })
          ).items
        }
      }
      const answer = await ts.dispatch(channel, given)
      // These answer with an error here (no consent to act on, no printer, no clinic phone to print, no upload); errors are checked for secrets too.
      const answersWithError = [
        'setup.complete',
        'photos.import',
        'handouts.print',
        'handouts.savePdf',
        'handouts.record',
        'consents.get',
        'consents.sign',
        'consents.withdraw',
        'consents.print',
        'consents.savePdf',
        'consents.record'
      ]
      if (!answersWithError.includes(channel)) {
        expect(answer, channel).toMatchObject({ ok: true })
      }
      answers.push(answer)
    }

    const raw = openReadOnly(ts.service.databasePath)
    const stored = raw.prepare<[], string>('SELECT pin_hash FROM practitioners').pluck().all()
    raw.close()
    const sealedKeys = sealedSigningKeys(ts.service.databasePath)
    const parts = [...stored.flatMap((hash) => hash.split('$').slice(4)), ...sealedKeys]
    expect(parts.length).toBeGreaterThan(sealedKeys.length)
    const text = JSON.stringify(answers)
    for (const part of [...parts, 'scrypt$']) expect(text).not.toContain(part)
    expect(secretFields(answers)).toEqual([])
  })
})

/** The signing keys' private halves as stored (sealed under each practitioner's PIN). */
function sealedSigningKeys(path: string): string[] {
  const raw = openReadOnly(path)
  try {
    return raw.prepare<[], string>('SELECT private_key FROM signing_keys WHERE private_key IS NOT NULL').pluck().all()
  } finally {
    raw.close()
  }
}

describe('the lock, held by the service', () => {
  const ts = useTestService()

  it('answers "locked" to every call that touches patient data, before even reading its input', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    await ts.call('patients.create', { fullName: 'Ada Lovelace' })
    await ts.call('session.lock', undefined)
    expect(ts.session).toBeUndefined()
    const whileLocked = channels.filter((channel) => {
      const [group, method] = channel.split('.') as [Group, string]
      return (contract[group] as Record<string, { whileLocked?: true }>)[method]!.whileLocked
    })
    expect(whileLocked).toEqual(ANSWERED_WHILE_LOCKED)
    for (const channel of channels.filter((c) => !ANSWERED_WHILE_LOCKED.includes(c))) {
      for (const input of [undefined, { query: '' }, { id: hopper }]) {
        expect(await ts.dispatch(channel, input), channel).toMatchObject({ ok: false, error: { code: 'locked' } })
      }
    }
    expect(await ts.dispatch('patients.search', { query: '' }, 'a made-up secret')).toMatchObject({
      ok: false,
      error: { code: 'locked' }
    })
    expect(await ts.call<Practitioner[]>('practitioners.list', undefined)).toHaveLength(1)
  })

  it('opens with a PIN only, a fresh secret each time; Lock now ends it, and an old secret stays dead', async () => {
    const hopper = await ts.practitioner(TestService.PRACTITIONER)
    const first = ts.session!
    await ts.call('session.lock', undefined)
    expect(await ts.dispatch('session.unlock', { id: hopper, pin: '0000' })).toMatchObject({ ok: false })
    expect(ts.session).toBeUndefined()
    const unlocked = await ts.call<Unlocked>('session.unlock', { id: hopper, pin: PIN })
    expect(unlocked).toEqual({ practitioner: { id: hopper, name: 'Dr Grace Hopper' }, idleMinutes: 5 })
    expect(ts.session).toMatch(/^[\w-]{43}$/)
    expect(ts.session).not.toBe(first)
    expect(await ts.dispatch('patients.search', { query: '' }, first)).toMatchObject({
      ok: false,
      error: { code: 'locked' }
    })
    expect(await ts.call<Unlocked>('session.current', undefined)).toEqual(unlocked)
  })

  it('a reload (the secret forgotten) starts locked', async () => {
    await ts.call('patients.create', { fullName: 'Ada Lovelace' })
    ts.forgetSession()
    expect(await ts.dispatch('patients.search', { query: '' })).toMatchObject({ ok: false, error: { code: 'locked' } })
  })

  it('ends a session idle for the idle minutes from Settings; any call restarts its clock', async () => {
    const session = ts.session
    ts.advance(4 * 60_000)
    expect(await ts.dispatch('patients.search', { query: '' })).toMatchObject({ ok: true })
    ts.advance(4 * 60_000)
    expect(await ts.dispatch('session.current', undefined)).toMatchObject({ ok: true })
    ts.advance(5 * 60_000)
    expect(await ts.dispatch('patients.search', { query: '' }, session)).toMatchObject({
      ok: false,
      error: { code: 'locked' }
    })
  })

  it('ends the sessions of a practitioner who is deactivated', async () => {
    const kim = await ts.practitioner('Nurse Kim')
    const hopperSession = ts.session
    await ts.unlock(kim)
    const kimSession = ts.session
    await ts.dispatch('practitioners.setActive', { id: kim, active: false, approverPin: PIN }, hopperSession)
    expect(await ts.dispatch('patients.search', { query: '' }, kimSession)).toMatchObject({
      ok: false,
      error: { code: 'locked' }
    })
    expect(await ts.dispatch('patients.search', { query: '' }, hopperSession)).toMatchObject({ ok: true })
  })
})
