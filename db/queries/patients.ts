import { randomUUID } from 'node:crypto'
import type { Patient, PatientCount } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

/** A `patients` row exactly as SQLite holds it. */
export type PatientRow = Readonly<{
  id: string
  full_name: string
  date_of_birth: string | null
  phone: string | null
  email: string | null
  fitzpatrick: number | null
  notes: string | null
  created_at: string
  updated_at: string
}>

export type PatientFields = Pick<Patient, 'fullName' | 'dateOfBirth' | 'phone' | 'email' | 'fitzpatrick' | 'notes'>

export function rowToPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    fullName: row.full_name,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    email: row.email,
    fitzpatrick: row.fitzpatrick,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

export function patientToRow(patient: Patient): PatientRow {
  return {
    id: patient.id,
    full_name: patient.fullName,
    date_of_birth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    fitzpatrick: patient.fitzpatrick,
    notes: patient.notes,
    created_at: patient.createdAt,
    updated_at: patient.updatedAt
  }
}

/** `%` and `_` typed by the user are matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

const prepared = preparedStatements((db) => ({
  insert: db.prepare<PatientRow>(`
    INSERT INTO patients (id, full_name, date_of_birth, phone, email, fitzpatrick, notes, created_at, updated_at)
    VALUES (@id, @full_name, @date_of_birth, @phone, @email, @fitzpatrick, @notes, @created_at, @updated_at)`),
  insertIfNew: db.prepare<PatientRow>(`
    INSERT OR IGNORE INTO patients (id, full_name, date_of_birth, phone, email, fitzpatrick, notes, created_at, updated_at)
    VALUES (@id, @full_name, @date_of_birth, @phone, @email, @fitzpatrick, @notes, @created_at, @updated_at)`),
  update: db.prepare<PatientRow>(`
    UPDATE patients SET full_name = @full_name, date_of_birth = @date_of_birth, phone = @phone, email = @email,
      fitzpatrick = @fitzpatrick, notes = @notes, updated_at = @updated_at
    WHERE id = @id`),
  byId: db.prepare<[id: string], PatientRow>('SELECT * FROM patients WHERE id = ?'),
  search: db.prepare<{ pattern: string; limit: number; offset: number }, PatientRow>(`
    SELECT * FROM patients
    WHERE full_name LIKE @pattern ESCAPE '\\'
    ORDER BY full_name COLLATE NOCASE, created_at
    LIMIT @limit OFFSET @offset`),
  // Counted no further than @cap: a count reads every name it counts (a third of a second's
  // worth at a million consults), and the list only needs to say "1,000+" past that.
  count: db
    .prepare<{ pattern: string; cap: number }, number>(
      `SELECT count(*) FROM (SELECT 1 FROM patients WHERE full_name LIKE @pattern ESCAPE '\\' LIMIT @cap)`
    )
    .pluck()
}))

export function insertPatient(db: WritableDB, fields: PatientFields, now = new Date()): Patient {
  const stamp = now.toISOString()
  const patient: Patient = { id: randomUUID(), ...fields, createdAt: stamp, updatedAt: stamp }
  prepared(db).insert.run(patientToRow(patient))
  return patient
}

/** Stores a patient exactly as given unless one with that id exists (for import). */
export function insertPatientIfNew(db: WritableDB, patient: Patient): void {
  prepared(db).insertIfNew.run(patientToRow(patient))
}

export function getPatient(db: ReadableDB, id: string): Patient | undefined {
  const row = prepared(db).byId.get(id)
  return row && rowToPatient(row)
}

/** Patients whose name contains `query` (any case), alphabetically; all of them for ''. */
export function searchPatients(db: ReadableDB, query: string, limit: number, offset = 0): Patient[] {
  return prepared(db)
    .search.all({ pattern: likePattern(query.trim()), limit, offset })
    .map(rowToPatient)
}

export const PATIENT_COUNT_CAP = 1000

/** How many patients `searchPatients` finds for `query`, counted up to PATIENT_COUNT_CAP. */
export function countPatients(db: ReadableDB, query: string): PatientCount {
  const counted = prepared(db).count.get({ pattern: likePattern(query.trim()), cap: PATIENT_COUNT_CAP + 1 })!
  return { total: Math.min(counted, PATIENT_COUNT_CAP), exact: counted <= PATIENT_COUNT_CAP }
}

/** Replaces a patient's editable details; undefined if there is no such patient. */
export function updatePatient(
  db: WritableDB,
  id: string,
  fields: PatientFields,
  now = new Date()
): Patient | undefined {
  const existing = getPatient(db, id)
  if (!existing) return undefined
  const patient: Patient = { ...existing, ...fields, updatedAt: now.toISOString() }
  prepared(db).update.run(patientToRow(patient))
  return patient
}
