import { latestAudit } from '../../db/queries/audit-log'
import { allRemovedRows, rowToRemoved } from '../../db/queries/removed-by-restore'
import { countPatients, getPatient, insertPatient, searchPatients } from '../../db/queries/patients'
import { ServiceError, type AppInfo, type Handlers, type SessionPractitioner, type Unlocked } from '../contract'
import { catchUpIndex, findConsults } from './consult-index'
import { runSoon } from './run-soon'
import {
  consentsForConsult,
  consentsForPatient,
  getConsentRecord,
  leftConsentScreen,
  photographyConsent,
  printConsent,
  recordConsentPrint,
  saveConsentPdf,
  signConsent,
  withdrawConsent
} from './consents'
import {
  amendConsult,
  createConsult,
  getConsultRecord,
  listForPatient,
  saveDraft,
  signConsult,
  type Signer
} from './consults'
import { printHandout, recordHandout, saveHandoutPdf, type HandoutPrinter } from './handouts'
import type { LiveDatabase, Maintenance } from './maintenance'
import { PinGuard } from './pins'
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
import { photosDir } from './photo-files'
import { PhotoUploads } from './photo-uploads'
import {
  consultPhotos,
  getPhoto,
  handoutPicks,
  importPhoto,
  patientPhotos,
  pickForHandout,
  prepareAmendmentPhotos,
  removePhoto,
  restorePhoto
} from './photos'
import { editPatient } from './patients'
import type { Sessions } from './sessions'
import { getSettings, saveSettings } from './settings'
import { unlockSigningKey } from './signing-keys'
import { exportPage, importBatch } from './transfer'

export interface ServiceContext {
  /** The open database. A restore replaces it, so every call asks for the current one. */
  readonly live: LiveDatabase
  readonly info: Omit<AppInfo, 'databasePath'>
  readonly printer?: HandoutPrinter | undefined
  readonly maintenance: Maintenance
  readonly sessions: Sessions
  /** The clock for PIN lockouts; tests move it. */
  readonly now?: () => number
  /** Where errors of work done after a call has answered go (the error log). */
  readonly log: (error: unknown) => void
}

/** The implementation of every contract call. Plain Node: no Electron here. */
export function createHandlers({ live, info, printer, maintenance, sessions, now, log }: ServiceContext): Handlers {
  const db = () => live.current()
  const guard = new PinGuard(now)
  /** The practitioner whose PIN this is, with their signing key opened by it. */
  const signer = async (practitionerId: string, pin: string, purpose: string): Promise<Signer> => {
    const who = await verifyPin(db(), guard, practitionerId, pin, purpose)
    return { name: who.name, ...(await unlockSigningKey(db(), who, pin)) }
  }
  const unlocked = ({ id, name }: SessionPractitioner, openSession: (who: SessionPractitioner) => void): Unlocked => {
    openSession({ id, name })
    return { practitioner: { id, name }, idleMinutes: getSettings(db()).settings.idleLockMinutes }
  }
  const photos = photosDir(live.path)
  const uploads = new PhotoUploads()
  /** Brings the search up to date with saved drafts once their answers are sent (see saveDraft). */
  const indexSoon = runSoon(() => {
    const current = db()
    if (!current.open) return // the service closed it meanwhile
    // The WAL is copied into the database file first, so that this commit, not the next
    // save's, starts the WAL afresh (which costs that commit a second fsync), and no save's
    // commit is the one that crosses SQLite's own checkpoint mark.
    current.pragma('wal_checkpoint(PASSIVE)')
    catchUpIndex(current)
  }, log)
  return {
    app: {
      info: () => ({ ...info, databasePath: live.path }),
      health: () => maintenance.health()
    },
    setup: {
      state: () => setupState(db()),
      complete: async ({ clinicName, practitionerName, pin }, { openSession }) =>
        unlocked(await completeSetup(db(), clinicName, practitionerName, pin), openSession)
    },
    session: {
      unlock: async ({ id, pin }, { openSession }) =>
        unlocked(await unlock(db(), guard, id, pin, 'unlock'), openSession),
      current: (_, { practitioner }) => ({
        practitioner: practitioner!,
        idleMinutes: getSettings(db()).settings.idleLockMinutes
      }),
      lock: (_, { endSession }) => {
        endSession()
        return null
      }
    },
    practitioners: {
      list: () => practitioners(db()),
      add: ({ name, pin, approverPin }, { practitioner }) =>
        addPractitioner(db(), guard, practitioner, approverPin, name, pin),
      rename: async ({ id, name, approverPin }, { practitioner }) => {
        const renamed = await rename(db(), guard, practitioner, approverPin, id, name)
        sessions.renamed(renamed)
        return renamed
      },
      setActive: async ({ id, active, approverPin }, { practitioner }) => {
        const changed = await setActive(db(), guard, practitioner, approverPin, id, active)
        if (!changed.active) sessions.closeFor(id)
        return changed
      },
      changePin: ({ id, currentPin, newPin }) => changePin(db(), guard, id, currentPin, newPin),
      verify: ({ id, pin }) => unlock(db(), guard, id, pin, 'end-presentation')
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
      create: ({ patientId }, { practitioner }) => createConsult(db(), patientId, practitioner?.name ?? ''),
      get: ({ id }) => getConsultRecord(db(), id),
      saveDraft: ({ id, baseUpdatedAt, draft }) => {
        const saved = saveDraft(db(), id, baseUpdatedAt, draft)
        indexSoon()
        return saved
      },
      sign: async ({ id, practitionerId, pin, overrideReason }) =>
        signConsult(db(), id, await signer(practitionerId, pin, 'signing a consult'), overrideReason),
      amend: async ({ id, practitionerId, pin, text, photos: added }) => {
        const author = await signer(practitionerId, pin, 'signing an amendment')
        const taken = added.map(({ uploadId, ...photo }) => ({ ...photo, bytes: uploads.take(uploadId) }))
        const drafts = await prepareAmendmentPhotos(db(), photos, id, taken)
        return amendConsult(db(), id, author, text, new Date(), drafts)
      },
      forPatient: ({ patientId }) => listForPatient(db(), patientId),
      search: (input) => findConsults(db(), input)
    },
    consents: {
      forConsult: ({ consultId }) => consentsForConsult(db(), consultId),
      forPatient: ({ patientId }) => consentsForPatient(db(), patientId),
      get: ({ id }) => getConsentRecord(db(), id),
      sign: async ({ practitionerId, pin, ...input }) =>
        signConsent(db(), input, await verifyPin(db(), guard, practitionerId, pin, 'countersigning a consent')),
      withdraw: async ({ id, reason, practitionerId, pin }) =>
        withdrawConsent(
          db(),
          id,
          reason,
          await verifyPin(db(), guard, practitionerId, pin, 'recording a withdrawn consent')
        ),
      leave: async ({ practitionerId, pin }) =>
        leftConsentScreen(db(), await verifyPin(db(), guard, practitionerId, pin, 'leaving the consent screen')),
      photography: ({ patientId }) => photographyConsent(db(), patientId),
      print: ({ id, paper }, { sender }) => printConsent(db(), printer, sender, id, paper),
      savePdf: ({ id, paper }, { sender }) => saveConsentPdf(db(), printer, sender, id, paper),
      record: ({ id, action, paper }) => recordConsentPrint(db(), id, action, paper)
    },
    photos: {
      upload: ({ uploadId, index, data }) => {
        uploads.add(uploadId, index, data)
        return null
      },
      import: ({ uploadId, ...input }) => importPhoto(db(), photos, uploads.take(uploadId), input),
      forConsult: ({ consultId }) => consultPhotos(db(), consultId),
      forPatient: ({ patientId }) => patientPhotos(db(), patientId),
      get: ({ id }) => getPhoto(db(), photos, id),
      restore: ({ uploadId, photo, consultPhotos }) =>
        restorePhoto(db(), photos, uploads.take(uploadId), photo, consultPhotos),
      remove: ({ id }) => removePhoto(db(), photos, id),
      pickForHandout: ({ id, picked }) => pickForHandout(db(), id, picked),
      handoutPicks: ({ consultId }) => handoutPicks(db(), consultId)
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
      // Locked, a restore is refused, unless the database failed its check at start: then nobody
      // could unlock it, and the PIN (checked against the backup's own practitioners) lets the clinic restore.
      restore: ({ name, practitionerId, pin }, { practitioner }) => {
        if (!practitioner && live.state.writable)
          throw new ServiceError('locked', 'The app is locked. Unlock it with your PIN, then try again.')
        return maintenance.restore(
          name,
          async (checkIn) => (await verifyPin(checkIn, guard, practitionerId, pin, 'restoring a backup')).name
        )
      },
      removed: () => allRemovedRows(db()).map(rowToRemoved)
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
