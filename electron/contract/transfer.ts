import { z } from 'zod'
import { consultDraftSchema, type Amendment, type Consult } from './consults'
import type { Patient } from './patients'

const iso = z.iso.datetime({ offset: true })

/** A consult in an export file: everything a draft holds, plus identity, status and signature. */
export const consultForImportSchema = consultDraftSchema
  .extend({
    id: z.uuid(),
    patientId: z.uuid(),
    status: z.enum(['draft', 'signed']),
    createdAt: iso,
    updatedAt: iso,
    signedAt: iso.nullable(),
    signedBy: z.string().max(120).nullable(),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/).nullable()
  })
  .refine((c) => (c.status === 'signed') === (c.signedAt !== null && c.signedBy !== null && c.contentHash !== null), {
    error: 'A signed consult needs its signing time, signer and hash; a draft has none.'
  })

export const amendmentsSchemaForImport = z
  .array(
    z.strictObject({
      id: z.uuid(),
      consultId: z.uuid(),
      author: z.string().trim().min(1).max(120),
      text: z.string().trim().min(1).max(5000),
      createdAt: iso
    })
  )
  .max(500)

export const EXPORT_FORMAT = 'microneedling-consult-export'
export const EXPORT_VERSION = 1

/** One consult as exported: the record, its patient, and its amendments. */
export interface ExportedConsult {
  readonly consult: Consult
  readonly patient: Patient
  readonly amendments: readonly Amendment[]
}

export interface ExportPage {
  readonly total: number
  readonly items: readonly ExportedConsult[]
}

export const exportPageSchema = z.strictObject({
  /** One patient's consults, or null for all. */
  patientId: z.uuid({ error: 'That is not a valid patient id.' }).nullable(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500)
})

const patientForImport = z.strictObject({
  id: z.uuid(),
  fullName: z.string().trim().min(1).max(200),
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  phone: z.string().max(40).nullable(),
  email: z.string().max(254).nullable(),
  fitzpatrick: z.number().int().min(1).max(6).nullable(),
  // Exports made before patients had notes carry none.
  notes: z.string().max(2000).nullish().transform((value) => value ?? null),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true })
})

export const importBatchSchema = z.strictObject({
  items: z
    .array(z.strictObject({ consult: consultForImportSchema, patient: patientForImport, amendments: amendmentsSchemaForImport }))
    .max(500, 'Import at most 500 consults at a time.')
})

export interface ImportResult {
  readonly added: number
  /** Already in this database (same id): left as they are, so importing twice adds nothing. */
  readonly skipped: number
}
