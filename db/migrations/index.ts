import type { WritableDB } from '../types'
import createPatients from './0010-patients'
import createConsults from './0020-consults'
import createConsultSearch from './0030-consult-search'
import createSettingsAndHandouts from './0040-settings-and-handouts'
import createAuditLog from './0050-audit-log'
import createPractitioners from './0060-practitioners'
import createRecordsThatHold from './0070-records-that-hold'
import createPinAttempts from './0080-pin-attempts'
import addFlagLevels from './0090-flag-levels'
import fastFilters from './0100-fast-filters'
import areaTagsCarryConcerns from './0101-area-tags-carry-concerns'
import createConsents from './0120-consents'
import addPatientNotes from './0130-patient-notes'
import createPhotos from './0140-photos'
import addAmendmentPhotosAndHandoutPicks from './0150-amendment-photos-and-handout-picks'
import searchWords from './0160-search-words'
import writeBehindIndex from './0170-write-behind-index'

export interface Migration {
  readonly version: number
  readonly up: (db: WritableDB) => void
}

/**
 * Every schema change, oldest first. A new migration takes a version higher than every
 * one before it: the runner refuses a list that does not strictly increase, and a
 * database whose applied migrations are not exactly the first ones of this list (one
 * added below a released version would never run on a database already past it).
 * A released migration is never edited: add a new one instead.
 */
export const migrations: readonly Migration[] = [
  { version: 10, up: createPatients },
  { version: 20, up: createConsults },
  { version: 30, up: createConsultSearch },
  { version: 40, up: createSettingsAndHandouts },
  { version: 50, up: createAuditLog },
  { version: 60, up: createPractitioners },
  { version: 70, up: createRecordsThatHold },
  { version: 80, up: createPinAttempts },
  { version: 90, up: addFlagLevels },
  { version: 100, up: fastFilters },
  { version: 101, up: areaTagsCarryConcerns },
  { version: 120, up: createConsents },
  { version: 130, up: addPatientNotes },
  { version: 140, up: createPhotos },
  { version: 150, up: addAmendmentPhotosAndHandoutPicks },
  { version: 160, up: searchWords },
  { version: 170, up: writeBehindIndex }
]
