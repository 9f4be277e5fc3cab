import { latestAudit } from '../../db/queries/audit-log'
import { allRemovedRows, rowToRemoved } from '../../db/queries/removed-by-restore'
import { getPatient, insertPatient, searchPatients } from '../../db/queries/patients'
import { ServiceError, type AppInfo, type Handlers } from '../contract'
import { findConsults } from './consult-index'
import { amendConsult, createConsult, getConsultRecord, listForPatient, saveDraft, signConsult, type Signer } from './consults'
import { printHandout, recordHandout, saveHandoutPdf, type HandoutPrinter } from './handouts'
import type { LiveDatabase, Maintenance } from './maintenance'
import { PinThrottle } from './pins'
import {
  addPractitioner,
  changePin,
  completeSetup,
  practitioners,
  rename,
  setActive,
  setupState,
  unlock,
  verifyPin
} from './practitioners'
import { getSettings, saveSettings } from './settings'
import { unlockSigningKey } from './signing-keys'
import { exportPage, importBatch } from './transfer'

export interface ServiceContext {
  /** The open database. A restore replaces it, so every call asks for the current one. */
  readonly live: LiveDatabase
  readonly info: Omit<AppInfo, 'databasePath'>
  readonly printer?: HandoutPrinter | undefined
  readonly maintenance: Maintenance
}

/** The implementation of every contract call. Plain Node: no Electron here. */
export function createHandlers({ live, info, printer, maintenance }: ServiceContext): Handlers {
  const db = () => live.current()
  const throttle = new PinThrottle()
  /** The practitioner whose PIN this is, with their signing key opened by it. */
  const signer = async (practitionerId: string, pin: string): Promise<Signer> => {
    const who = await verifyPin(db(), throttle, practitionerId, pin)
    return { name: who.name, ...(await unlockSigningKey(db(), who, pin)) }
  }
  return {
    app: {
      info: () => ({ ...info, databasePath: live.path }),
      health: () => maintenance.health()
    },
    setup: {
      state: () => setupState(db()),
      complete: ({ clinicName, practitionerName, pin }) => completeSetup(db(), clinicName, practitionerName, pin)
    },
    practitioners: {
      list: () => practitioners(db()),
      add: ({ name, pin }) => addPractitioner(db(), name, pin),
      rename: ({ id, name }) => rename(db(), id, name),
      setActive: ({ id, active }) => setActive(db(), id, active),
      changePin: ({ id, currentPin, newPin }) => changePin(db(), throttle, id, currentPin, newPin),
      // A damaged database is not written to, not even the unlock's audit entry: the PIN alone lets the clinic in to restore.
      verify: ({ id, pin, purpose }) =>
        live.state.writable ? unlock(db(), throttle, id, pin, purpose) : verifyPin(db(), throttle, id, pin)
    },
    patients: {
      create: (input) => insertPatient(db(), input),
      get: ({ id }) => {
        const patient = getPatient(db(), id)
        if (!patient) throw new ServiceError('not_found', 'That patient could not be found.')
        return patient
      },
      search: ({ query, limit }) => searchPatients(db(), query, limit)
    },
    consults: {
      create: ({ patientId }) => createConsult(db(), patientId),
      get: ({ id }) => getConsultRecord(db(), id),
      saveDraft: ({ id, baseUpdatedAt, draft }) => saveDraft(db(), id, baseUpdatedAt, draft),
      sign: async ({ id, practitionerId, pin, overrideReason }) =>
        signConsult(db(), id, await signer(practitionerId, pin), overrideReason),
      amend: async ({ id, practitionerId, pin, text }) => amendConsult(db(), id, await signer(practitionerId, pin), text),
      forPatient: ({ patientId }) => listForPatient(db(), patientId),
      search: (input) => findConsults(db(), input)
    },
    settings: {
      get: () => getSettings(db()),
      save: (settings) => saveSettings(db(), settings)
    },
    handouts: {
      print: ({ consultId, paper }, { sender }) => printHandout(db(), printer, sender, consultId, paper),
      savePdf: ({ consultId, paper }, { sender }) => saveHandoutPdf(db(), printer, sender, consultId, paper),
      record: ({ consultId, action, paper }) => recordHandout(db(), consultId, action, paper)
    },
    backups: {
      list: () => maintenance.listBackups(),
      create: () => maintenance.backupNow('manual'),
      preview: ({ name }) => maintenance.preview(name),
      restore: ({ name, practitionerId, pin }) =>
        maintenance.restore(name, async (checkIn) => (await verifyPin(checkIn, throttle, practitionerId, pin)).name),
      removed: () => allRemovedRows(db()).map(rowToRemoved)
    },
    audit: {
      list: ({ limit }) => latestAudit(db(), limit)
    },
    transfer: {
      exportPage: ({ patientId, offset, limit }) => exportPage(db(), patientId, offset, limit),
      importBatch: (batch) => importBatch(db(), batch)
    }
  }
}
