import { appendAudit } from '../../db/queries/audit-log'
import {
  countPractitioners,
  getPractitioner,
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
import { ServiceError, type Practitioner, type SessionPractitioner, type SetupState } from '../contract'
import { hashPin, pinMatches, readOnly, type PinGuard } from './pins'
import { getSettings } from './settings'
import { createKeyPair, resealSigningKey } from './signing-keys'

const notFound = () => new ServiceError('not_found', 'That practitioner could not be found.')
const duplicate = (name: string) =>
  new ServiceError('conflict', `There is already a practitioner called ${name}.`, {
    name: `There is already a practitioner called ${name}.`
  })

export const setupState = (db: WritableDB): SetupState => ({ done: countPractitioners(db) > 0 })

/**
 * First run: the clinic's name and its first practitioner. The check is repeated inside
 * the writing transaction, so setup happens once even when sent many times at once.
 */
export async function completeSetup(
  db: WritableDB,
  clinicName: string,
  name: string,
  pin: string
): Promise<Practitioner> {
  const alreadyDone = () => new ServiceError('conflict', 'The app is already set up; add practitioners in Settings.')
  if (setupState(db).done) throw alreadyDone()
  const pinHash = await hashPin(pin)
  const first = db.transaction(() => {
    if (setupState(db).done) throw alreadyDone()
    writeSettings(db, { ...getSettings(db).settings, clinicName })
    const added = insertPractitioner(db, name, pinHash)
    appendAudit(db, { action: 'set-up', actor: name, subject: clinicName, detail: 'first practitioner' })
    return added
  })()
  await createKeyPair(db, first, pin)
  return first
}

export const practitioners = (db: WritableDB): Practitioner[] => listPractitioners(db)

/** A PIN error moved onto the form field it belongs to. */
async function pinFor<T>(check: Promise<T>, field: string): Promise<T> {
  return check.catch((error: unknown) => {
    if (error instanceof ServiceError && error.fields?.['pin']) {
      throw new ServiceError(error.code, error.message, { [field]: error.fields['pin'] })
    }
    throw error
  })
}

/** The unlocking practitioner confirms a change to who may sign with their PIN; returns who they are. */
function approve(
  db: WritableDB,
  guard: PinGuard,
  approver: SessionPractitioner | undefined,
  approverPin: string,
  purpose: string
) {
  if (!approver) throw new ServiceError('locked', 'The app is locked. Unlock it with your PIN, then try again.')
  return pinFor(verifyPin(db, guard, approver.id, approverPin, purpose), 'approverPin')
}

export async function addPractitioner(
  db: WritableDB,
  guard: PinGuard,
  approver: SessionPractitioner | undefined,
  approverPin: string,
  name: string,
  pin: string
): Promise<Practitioner> {
  if (nameTaken(db, name)) throw duplicate(name)
  const by = await approve(db, guard, approver, approverPin, 'adding a practitioner')
  const pinHash = await hashPin(pin)
  const added = db.transaction(() => {
    if (nameTaken(db, name)) throw duplicate(name)
    const inserted = insertPractitioner(db, name, pinHash)
    appendAudit(db, { action: 'practitioner-added', actor: by.name, subject: name, detail: '' })
    return inserted
  })()
  await createKeyPair(db, added, pin)
  return added
}

export async function rename(
  db: WritableDB,
  guard: PinGuard,
  approver: SessionPractitioner | undefined,
  approverPin: string,
  id: string,
  name: string
): Promise<Practitioner> {
  if (nameTaken(db, name, id)) throw duplicate(name)
  const before = getPractitioner(db, id)
  if (!before) throw notFound()
  const by = await approve(db, guard, approver, approverPin, 'renaming a practitioner')
  return db.transaction(() => {
    if (nameTaken(db, name, id)) throw duplicate(name)
    if (!renamePractitioner(db, id, name)) throw notFound()
    appendAudit(db, { action: 'practitioner-renamed', actor: by.name, subject: name, detail: `was ${before.name}` })
    return getPractitioner(db, id)!
  })()
}

export async function setActive(
  db: WritableDB,
  guard: PinGuard,
  approver: SessionPractitioner | undefined,
  approverPin: string,
  id: string,
  active: boolean
): Promise<Practitioner> {
  const lastOne = () => {
    const others = listPractitioners(db).filter((p) => p.active && p.id !== id)
    if (!active && others.length === 0) {
      throw new ServiceError('conflict', 'At least one practitioner must stay active, or nobody could unlock the app.')
    }
  }
  lastOne()
  if (!getPractitioner(db, id)) throw notFound()
  const by = await approve(
    db,
    guard,
    approver,
    approverPin,
    active ? 'reactivating a practitioner' : 'deactivating a practitioner'
  )
  return db.transaction(() => {
    lastOne()
    if (!setPractitionerActive(db, id, active)) throw notFound()
    const changed = getPractitioner(db, id)!
    appendAudit(db, {
      action: active ? 'practitioner-reactivated' : 'practitioner-deactivated',
      actor: by.name,
      subject: changed.name,
      detail: ''
    })
    return changed
  })()
}

/**
 * Checks a practitioner's PIN through the guard (one check at a time, counted before the
 * hash, wrong PINs and lockouts audited); returns who it is.
 */
export function verifyPin(
  db: WritableDB,
  guard: PinGuard,
  id: string,
  pin: string,
  purpose = 'a PIN check'
): Promise<Practitioner> {
  return guard.serially(id, async () => {
    const found = practitionerWithHash(db, id)
    if (!found || !found.active) throw notFound()
    const who: Practitioner = { id: found.id, name: found.name, active: found.active }
    guard.count(db, who)
    if (!(await pinMatches(pin, found.pinHash))) {
      guard.missed(db, who, purpose)
      throw new ServiceError('forbidden', 'That PIN is not right.', { pin: 'That PIN is not right.' })
    }
    guard.cleared(db, id)
    return who
  })
}

export async function changePin(
  db: WritableDB,
  guard: PinGuard,
  id: string,
  currentPin: string,
  newPin: string
): Promise<Practitioner> {
  const who = await pinFor(verifyPin(db, guard, id, currentPin, 'changing a PIN'), 'currentPin')
  const pinHash = await hashPin(newPin)
  db.transaction(() => {
    setPractitionerPin(db, id, pinHash)
    appendAudit(db, { action: 'pin-changed', actor: who.name, subject: who.name, detail: '' })
  })()
  await resealSigningKey(db, who, currentPin, newPin)
  return who
}

export async function unlock(
  db: WritableDB,
  guard: PinGuard,
  id: string,
  pin: string,
  purpose: 'unlock' | 'end-presentation'
): Promise<Practitioner> {
  const subject = purpose === 'unlock' ? 'the app' : 'presentation mode'
  const who = await verifyPin(db, guard, id, pin, subject)
  // A database found damaged is not written to, not even this entry: the PIN alone lets the clinic in to restore.
  if (!readOnly(db))
    appendAudit(db, {
      action: purpose === 'unlock' ? 'unlocked' : 'ended-presentation',
      actor: who.name,
      subject,
      detail: ''
    })
  return who
}
