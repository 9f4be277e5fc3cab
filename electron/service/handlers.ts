import { ServiceError, type AppInfo, type Handlers } from '../contract'
import { getPatient, insertPatient, searchPatients } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import { findConsults } from './consult-index'
import { printHandout, recordHandout, saveHandoutPdf, type HandoutPrinter } from './handouts'
import { getSettings, saveSettings } from './settings'
import { amendConsult, createConsult, getConsultRecord, listForPatient, saveDraft, signConsult } from './consults'

export interface ServiceContext {
  readonly db: WritableDB
  readonly info: Omit<AppInfo, 'databasePath'>
  readonly databasePath: string
  readonly printer?: HandoutPrinter | undefined
}

/** The implementation of every contract call. Plain Node: no Electron here. */
export function createHandlers({ db, info, databasePath, printer }: ServiceContext): Handlers {
  return {
    app: {
      info: () => ({ ...info, databasePath })
    },
    patients: {
      create: (input) => insertPatient(db, input),
      get: ({ id }) => {
        const patient = getPatient(db, id)
        if (!patient) throw new ServiceError('not_found', 'That patient could not be found.')
        return patient
      },
      search: ({ query, limit }) => searchPatients(db, query, limit)
    },
    consults: {
      create: ({ patientId }) => createConsult(db, patientId),
      get: ({ id }) => getConsultRecord(db, id),
      saveDraft: ({ id, draft }) => saveDraft(db, id, draft),
      sign: ({ id }) => signConsult(db, id),
      amend: ({ id, author, text }) => amendConsult(db, id, author, text),
      forPatient: ({ patientId }) => listForPatient(db, patientId),
      search: (input) => findConsults(db, input)
    },
    settings: {
      get: () => getSettings(db),
      save: (settings) => saveSettings(db, settings)
    },
    handouts: {
      print: ({ consultId, paper }, { sender }) => printHandout(db, printer, sender, consultId, paper),
      savePdf: ({ consultId, paper }, { sender }) => saveHandoutPdf(db, printer, sender, consultId, paper),
      record: ({ consultId, action, paper }) => recordHandout(db, consultId, action, paper)
    }
  }
}
