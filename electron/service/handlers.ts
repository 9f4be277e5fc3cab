import { latestAudit } from '../../db/queries/audit-log'
import { countPatients, getPatient, insertPatient, searchPatients } from '../../db/queries/patients'
import { ServiceError, type AppInfo, type Handlers } from '../contract'
import { findConsults } from './consult-index'
import { amendConsult, createConsult, getConsultRecord, listForPatient, saveDraft, signConsult } from './consults'
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
import { editPatient } from './patients'
import { getSettings, saveSettings } from './settings'
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
  return {
    app: {
      info: () => ({ ...info, databasePath: live.path })
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
      verify: ({ id, pin, purpose }) => unlock(db(), throttle, id, pin, purpose)
    },
    patients: {
      create: (input) => insertPatient(db(), input),
      get: ({ id }) => {
        const patient = getPatient(db(), id)
        if (!patient) throw new ServiceError('not_found', 'That patient could not be found.')
        return patient
      },
      update: ({ id, ...fields }) => editPatient(db(), id, fields),
      search: ({ query, limit, offset }) => searchPatients(db(), query, limit, offset),
      count: ({ query }) => countPatients(db(), query)
    },
    consults: {
      create: ({ patientId }) => createConsult(db(), patientId),
      get: ({ id }) => getConsultRecord(db(), id),
      saveDraft: ({ id, draft }) => saveDraft(db(), id, draft),
      sign: async ({ id, practitionerId, pin }) => {
        const signer = await verifyPin(db(), throttle, practitionerId, pin)
        return signConsult(db(), id, signer.name)
      },
      amend: ({ id, author, text }) => amendConsult(db(), id, author, text),
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
      restore: ({ name }) => maintenance.restore(name)
    },
    audit: {
      list: ({ limit, action }) => latestAudit(db(), limit, action)
    },
    transfer: {
      exportPage: ({ patientId, offset, limit }) => exportPage(db(), patientId, offset, limit),
      importBatch: (batch) => importBatch(db(), batch)
    }
  }
}
