import { z } from 'zod'
import {
  amendSchema,
  consultIdSchema,
  signConsultSchema,
  consultSearchSchema,
  newConsultSchema,
  patientConsultsSchema,
  saveDraftSchema,
  type Amendment,
  type Consult,
  type ConsultPage,
  type ConsultRecord,
  type ConsultSummary,
  type SavedDraft
} from './consults'
import {
  consentIdSchema,
  consentPrintRecordSchema,
  consentPrintSchema,
  consultConsentsSchema,
  patientConsentsSchema,
  signConsentSchema,
  withdrawConsentSchema,
  type ConsentRecord,
  type ConsentSummary,
  type PhotographyConsent
} from './consents'
import {
  consultPhotosSchema,
  handoutPickSchema,
  importPhotoSchema,
  patientPhotosSchema,
  photoChunkSchema,
  photoIdSchema,
  restorePhotoSchema,
  type PhotoImage,
  type PhotoSummary
} from './photos'
import {
  newPatientSchema,
  patientCountSchema,
  patientIdSchema,
  patientSearchSchema,
  patientUpdateSchema,
  type Patient,
  type PatientCount
} from './patients'
import {
  changePinSchema,
  newPractitionerSchema,
  practitionerActiveSchema,
  renamePractitionerSchema,
  setupSchema,
  signWithPinSchema,
  unlockSchema,
  verifyPinSchema,
  type Practitioner,
  type SessionPractitioner,
  type SetupState,
  type Unlocked
} from './practitioners'
import { exportPageSchema, importBatchSchema, type ExportPage, type ImportResult } from './transfer'
import {
  auditQuerySchema,
  backupNameSchema,
  restoreSchema,
  type AuditEntry,
  type BackupInfo,
  type Health,
  type RemovedRecord,
  type RestorePreview,
  type RestoreResult
} from './maintenance'
import {
  clinicSettingsSchema,
  handoutJobSchema,
  handoutRecordSchema,
  type HandoutPrint,
  type PdfSaved,
  type SettingsState
} from './settings'
import { callNames } from './call-names'
import type { Result } from './result'

export * from './call-names'
export * from './consent-rules'
export * from './consents'
export * from './consult-rules'
export * from './consults'
export * from './maintenance'
export * from './practitioners'
export * from './transfer'
export * from './patients'
export * from './photos'
export * from './result'
export * from './settings'
export * from './envelope'
export * from './export-format'
export * from './photo-views'
export * from './settings-values'
export * from './session-transport'

/** One call the renderer may make: its input schema and (as a type only) its result. */
export interface Call<Input extends z.ZodType, Output> {
  readonly input: Input
  /** Answered while the app is locked. Only calls that touch no patient data may be. */
  readonly whileLocked?: true
  readonly output?: Output
}

/** A call that needs an unlocked session (every call that touches patient data). */
const call =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): Call<Input, Output> => ({ input })
/** A call the lock screen and first run need, answered without a session. */
const lockedCall =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): Call<Input, Output> => ({ input, whileLocked: true })

const noInput = z.undefined({ error: 'This call takes no input.' })

export interface AppInfo {
  readonly name: string
  readonly version: string
  readonly mode: 'electron' | 'browser'
  readonly databasePath: string
}

/**
 * Everything the renderer may ask of the main process. Main's IPC handlers, the preload's
 * `window.api`, the browser bridge, the renderer's types and the tests all derive from it:
 * adding a call means adding it here, giving it a handler, and calling it.
 */
export const contract = {
  app: {
    info: lockedCall<AppInfo>()(noInput),
    /** The checks made at start and after each restore (a damaged database, a broken audit log); no patient data. */
    health: lockedCall<Health>()(noInput)
  },
  setup: {
    state: lockedCall<SetupState>()(noInput),
    /** First run only (once, even if sent twice): the clinic's name and its first practitioner; unlocks. */
    complete: lockedCall<Unlocked>()(setupSchema)
  },
  session: {
    /** A practitioner's PIN opens a session; its secret travels beside the answer, never in it. */
    unlock: lockedCall<Unlocked>()(unlockSchema),
    /** Who the caller's session belongs to; also restarts its idle clock. */
    current: call<Unlocked>()(noInput),
    /** Ends the caller's session (Lock now). */
    lock: lockedCall<null>()(noInput)
  },
  practitioners: {
    /** Names only, for the lock screen's list. */
    list: lockedCall<readonly Practitioner[]>()(noInput),
    /** Adding, renaming and (de)activating need the unlocking practitioner's PIN (`approverPin`). */
    add: call<Practitioner>()(newPractitionerSchema),
    rename: call<Practitioner>()(renamePractitionerSchema),
    setActive: call<Practitioner>()(practitionerActiveSchema),
    changePin: call<Practitioner>()(changePinSchema),
    /** Ends presentation mode; recorded in the audit log. */
    verify: call<Practitioner>()(verifyPinSchema)
  },
  patients: {
    create: call<Patient>()(newPatientSchema),
    get: call<Patient>()(patientIdSchema),
    /** Changes a patient's details; recorded in the audit log with the fields that changed. */
    update: call<Patient>()(patientUpdateSchema),
    /** A page of patients whose name contains the query, alphabetically. */
    search: call<readonly Patient[]>()(patientSearchSchema),
    /** How many patients the same query finds, for the list's count (up to 1,000: past that "1,000+"). */
    count: call<PatientCount>()(patientCountSchema)
  },
  consults: {
    create: call<Consult>()(newConsultSchema),
    get: call<ConsultRecord>()(consultIdSchema),
    saveDraft: call<SavedDraft>()(saveDraftSchema),
    /** Signs as the practitioner whose PIN is given. */
    sign: call<ConsultRecord>()(signConsultSchema.extend(signWithPinSchema.shape)),
    amend: call<Amendment>()(amendSchema),
    forPatient: call<readonly ConsultSummary[]>()(patientConsultsSchema),
    search: call<ConsultPage>()(consultSearchSchema)
  },
  consents: {
    /** The consents taken in a consult, and the patient's consents kept on file (photography). */
    forConsult: call<readonly ConsentSummary[]>()(consultConsentsSchema),
    forPatient: call<readonly ConsentSummary[]>()(patientConsentsSchema),
    /** A signed consent, its withdrawal if any, and whether it still matches its hash. */
    get: call<ConsentRecord>()(consentIdSchema),
    /** The patient's signature, countersigned with the practitioner's PIN. */
    sign: call<ConsentRecord>()(signConsentSchema),
    /** Appends a dated withdrawal, signed with the practitioner's PIN. */
    withdraw: call<ConsentRecord>()(withdrawConsentSchema),
    /** Leaves the patient-facing consent screen; needs a practitioner's PIN. */
    leave: call<null>()(signWithPinSchema),
    /** For photos: the patient's photography consent on file, or null. */
    photography: call<PhotographyConsent | null>()(patientConsentsSchema),
    /** Desktop app: opens the system print dialog for the consent on screen; null if cancelled. */
    print: call<boolean>()(consentPrintSchema),
    savePdf: call<PdfSaved>()(consentPrintSchema),
    /** Browser mode: notes that the browser's print dialog was used. */
    record: call<null>()(consentPrintRecordSchema)
  },
  photos: {
    /** One base64 chunk of a photo file on its way in (chunks stay well below the bridge's request limit). */
    upload: call<null>()(photoChunkSchema),
    /** Stores an uploaded photo for a consult, area and view: metadata stripped, hashed, thumbnailed. */
    import: call<PhotoSummary>()(importPhotoSchema),
    forConsult: call<readonly PhotoSummary[]>()(consultPhotosSchema),
    forPatient: call<readonly PhotoSummary[]>()(patientPhotosSchema),
    /** The photo itself, checked against its SHA-256. */
    get: call<PhotoImage>()(photoIdSchema),
    /** A photo from an export, checked against its SHA-256; false when it was here already. */
    restore: call<boolean>()(restorePhotoSchema),
    /** Removes a photo from an unsigned consult; a signed consult's photos are kept. */
    remove: call<null>()(photoIdSchema),
    /** Shows a photo on its consult's handout (`picked`), or stops showing it. */
    pickForHandout: call<null>()(handoutPickSchema),
    /** The ids of a consult's photos picked for its handout. */
    handoutPicks: call<readonly string[]>()(consultPhotosSchema)
  },
  settings: {
    get: call<SettingsState>()(noInput),
    save: call<SettingsState>()(clinicSettingsSchema)
  },
  handouts: {
    /** Desktop app: opens the system print dialog for the handout on screen; null if cancelled. */
    print: call<HandoutPrint | null>()(handoutJobSchema),
    /** Desktop app: saves the handout on screen as a PDF where the user chooses. */
    savePdf: call<PdfSaved>()(handoutJobSchema),
    /** Browser mode: notes that the browser's print dialog was used. */
    record: call<HandoutPrint>()(handoutRecordSchema)
  },
  backups: {
    list: call<readonly BackupInfo[]>()(noInput),
    create: call<BackupInfo>()(noInput),
    /** Checks a backup whole and says what restoring it would take away; changes nothing. */
    preview: call<RestorePreview>()(backupNameSchema),
    /**
     * Needs a practitioner's PIN. Saves a "before restore" copy first (never pruned), carries
     * the audit log forward, and keeps the signed records it takes away in "removed by restore".
     */
    restore: lockedCall<RestoreResult>()(restoreSchema),
    /** Signed records that restores took away, newest first, each whole. */
    removed: call<readonly RemovedRecord[]>()(noInput)
  },
  audit: {
    list: call<readonly AuditEntry[]>()(auditQuerySchema)
  },
  transfer: {
    /** A page of a complete export; the renderer gathers pages (showing progress) into a file. */
    exportPage: call<ExportPage>()(exportPageSchema),
    /** A batch of an export file; consults already here are skipped. */
    importBatch: call<ImportResult>()(importBatchSchema)
  }
} as const

export type Contract = typeof contract
export type Group = keyof Contract
export type Method<G extends Group> = keyof Contract[G] & string
type CallOf<G extends Group, M extends Method<G>> = Contract[G][M]

export type InputOf<G extends Group, M extends Method<G>> =
  CallOf<G, M> extends Call<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<G extends Group, M extends Method<G>> =
  CallOf<G, M> extends Call<infer I, unknown> ? z.output<I> : never
export type OutputOf<G extends Group, M extends Method<G>> = CallOf<G, M> extends Call<z.ZodType, infer O> ? O : never

type Args<I> = undefined extends I ? [input?: I] : [input: I]

/** The shape of `window.api`: one async function per call, resolving to a typed result. */
export type Api = {
  readonly [G in Group]: {
    readonly [M in Method<G>]: (...args: Args<InputOf<G, M>>) => Promise<Result<OutputOf<G, M>>>
  }
}

/** Who made a call: the Electron sender (for printing its page), and the session secret the page holds. */
export interface CallContext {
  readonly sender?: unknown
  readonly session?: string | undefined
}

/** What a handler learns about its call, beyond the input. */
export interface HandlerContext {
  readonly sender?: unknown
  /** The practitioner whose session made the call; undefined only for calls answered while locked. */
  readonly practitioner: SessionPractitioner | undefined
  /** Opens a session for `practitioner`; the answer carries its secret to the caller. */
  readonly openSession: (practitioner: SessionPractitioner) => void
  /** Ends the caller's session, if it has one. */
  readonly endSession: () => void
}

/** What the service layer implements: one function per call, taking parsed input. */
export type Handlers = {
  readonly [G in Group]: {
    readonly [M in Method<G>]: (
      input: ParsedInputOf<G, M>,
      context: HandlerContext
    ) => OutputOf<G, M> | Promise<OutputOf<G, M>>
  }
}

/** Compiles only while `callNames` names every call of the contract. */
type Unnamed = { [G in Group]: Exclude<Method<G>, (typeof callNames)[G][number]> }[Group]
const _everyCallNamed: [Unnamed] extends [never] ? true : Unnamed = true

export function findCall(channel: string): Call<z.ZodType, unknown> | undefined {
  const [group, method, ...rest] = channel.split('.')
  if (rest.length > 0 || !group || !method || !Object.hasOwn(contract, group)) return undefined
  const calls = contract[group as Group] as Record<string, Call<z.ZodType, unknown>>
  return Object.hasOwn(calls, method) ? calls[method] : undefined
}
