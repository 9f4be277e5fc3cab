import { appendAudit } from '../../db/queries/audit-log'
import {
  countPractitioners,
  insertPractitioner,
  listPractitioners,
  nameTaken,
  practitionerWithHash,
  renamePractitioner,
  setPractitionerActive,
  setPractitionerPin
} from '../../db/queries/practitioners'
import { writeSettings } from '../../db/queries/settings'
import type { WritableDB } from '../../db/types'
import { ServiceError, type Practitioner, type SetupState } from '../contract'
import { hashPin, pinMatches, type PinThrottle } from './pins'
import { getSettings } from './settings'
import { createKeyPair, resealSigningKey } from './signing-keys'

const notFound = () => new ServiceError('not_found', 'That practitioner could not be found.')
const duplicate = (name: string) =>
  new ServiceError('conflict', `There is already a practitioner called ${name}.`, { name: `There is already a practitioner called ${name}.` })

export const setupState = (db: WritableDB): SetupState => ({ done: countPractitioners(db) > 0 })

/** First run: the clinic's name and its first practitioner. */
export async function completeSetup(db: WritableDB, clinicName: string, name: string, pin: string): Promise<SetupState> {
  if (setupState(db).done) throw new ServiceError('conflict', 'The app is already set up; add practitioners in Settings.')
  const pinHash = await hashPin(pin)
  const first = db.transaction(() => {
    writeSettings(db, { ...getSettings(db).settings, clinicName })
    return insertPractitioner(db, name, pinHash)
  })()
  await createKeyPair(db, first, pin)
  return { done: true }
}

export const practitioners = (db: WritableDB): Practitioner[] => listPractitioners(db)

export async function addPractitioner(db: WritableDB, name: string, pin: string): Promise<Practitioner> {
  if (nameTaken(db, name)) throw duplicate(name)
  const added = insertPractitioner(db, name, await hashPin(pin))
  await createKeyPair(db, added, pin)
  return added
}

export function rename(db: WritableDB, id: string, name: string): Practitioner {
  if (nameTaken(db, name, id)) throw duplicate(name)
  if (!renamePractitioner(db, id, name)) throw notFound()
  return practitionerWithHash(db, id)!
}

export function setActive(db: WritableDB, id: string, active: boolean): Practitioner {
  const others = listPractitioners(db).filter((p) => p.active && p.id !== id)
  if (!active && others.length === 0) {
    throw new ServiceError('conflict', 'At least one practitioner must stay active, or nobody could unlock the app.')
  }
  if (!setPractitionerActive(db, id, active)) throw notFound()
  return practitionerWithHash(db, id)!
}

/** Checks a practitioner's PIN, slowing down repeated misses; returns who it is. */
export async function verifyPin(db: WritableDB, throttle: PinThrottle, id: string, pin: string): Promise<Practitioner> {
  throttle.check(id)
  const found = practitionerWithHash(db, id)
  if (!found || !found.active) throw notFound()
  if (!(await pinMatches(pin, found.pinHash))) {
    throttle.missed(id)
    throw new ServiceError('forbidden', 'That PIN is not right.', { pin: 'That PIN is not right.' })
  }
  throttle.cleared(id)
  return { id: found.id, name: found.name, active: found.active }
}

export async function changePin(db: WritableDB, throttle: PinThrottle, id: string, currentPin: string, newPin: string): Promise<Practitioner> {
  const who = await verifyPin(db, throttle, id, currentPin).catch((error: unknown) => {
    if (error instanceof ServiceError && error.fields?.['pin']) {
      throw new ServiceError(error.code, error.message, { currentPin: error.fields['pin'] })
    }
    throw error
  })
  setPractitionerPin(db, id, await hashPin(newPin))
  await resealSigningKey(db, who, currentPin, newPin)
  return who
}

export async function unlock(
  db: WritableDB,
  throttle: PinThrottle,
  id: string,
  pin: string,
  purpose: 'unlock' | 'end-presentation'
): Promise<Practitioner> {
  const who = await verifyPin(db, throttle, id, pin)
  appendAudit(db, {
    action: purpose === 'unlock' ? 'unlocked' : 'ended-presentation',
    actor: who.name,
    subject: purpose === 'unlock' ? 'the app' : 'presentation mode',
    detail: ''
  })
  return who
}
