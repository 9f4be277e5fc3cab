import { appendAudit } from '../../db/queries/audit-log'
import { consultsForPatient } from '../../db/queries/consults'
import { getPatient, updatePatient, type PatientFields } from '../../db/queries/patients'
import type { WritableDB } from '../../db/types'
import { ServiceError, type Patient } from '../contract'
import { reindexConsult } from './consult-index'

/** The audit log's words for each editable field. */
const fieldNames: Readonly<Record<keyof PatientFields, string>> = {
  fullName: 'name',
  dateOfBirth: 'date of birth',
  phone: 'phone',
  email: 'e-mail',
  fitzpatrick: 'skin type',
  notes: 'notes'
}

/**
 * Saves a patient's edited details and records which fields changed in the audit log.
 * A new name is written into the search entries of their consults, so search finds it.
 */
export function editPatient(db: WritableDB, id: string, fields: PatientFields): Patient {
  return db
    .transaction(() => {
      const before = getPatient(db, id)
      if (!before) throw new ServiceError('not_found', 'That patient could not be found.')
      const changed = (Object.keys(fieldNames) as (keyof PatientFields)[]).filter((key) => before[key] !== fields[key])
      if (changed.length === 0) return before
      const after = updatePatient(db, id, fields)!
      if (changed.includes('fullName')) consultsForPatient(db, id).forEach((consult) => reindexConsult(db, consult.id))
      appendAudit(db, {
        action: 'patient-edited',
        actor: 'Clinic',
        subject: `patient ${after.fullName}`,
        detail: `changed ${changed.map((key) => fieldNames[key]).join(', ')}`
      })
      return after
    })
    .immediate()
}
