import { z } from 'zod'
import { emailText, isIsoDate, nameText, phoneText, withoutNul } from './text'
import { drawnSignatureSchema, type Consent, type ConsentWithdrawal } from './consents'
import { consultDraftSchema, type Amendment, type Consult, type PublicSigningKey } from './consults'
import type { Patient } from './patients'
import { exportedPhotoSchema, MAX_PHOTOS_PER_CONSULT, type PhotoSummary } from './photos'

const iso = z.iso.datetime({ offset: true })
/** An Ed25519 signature in base64 (86 characters and padding); null for the earlier method. */
const signatureSchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/)
  .nullable()
  .default(null)

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
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    /** Absent in exports made before flag levels. */
    overrideReason: z.string().max(1000).nullable().default(null),
    signature: signatureSchema,
    signingKeyId: z.uuid().nullable().default(null)
  })
  .refine((c) => (c.status === 'signed') === (c.signedAt !== null && c.signedBy !== null && c.contentHash !== null), {
    error: 'A signed consult needs its signing time, signer and hash; a draft has none.'
  })

export const amendmentsSchemaForImport = z
  .array(
    z.strictObject({
      id: z.uuid(),
      consultId: z.uuid(),
      author: withoutNul(z.string().trim().min(1).max(120), 'An author'),
      text: withoutNul(z.string().trim().min(1).max(5000), 'An amendment'),
      createdAt: iso,
      signature: signatureSchema,
      signingKeyId: z.uuid().nullable().default(null)
    })
  )
  .max(500)

const hash = z.string().regex(/^[0-9a-f]{64}$/)

/** A signed consent in an export file, with its withdrawal if any; its hashes travel with it. */
export const consentsForImportSchema = z
  .array(
    z.strictObject({
      consent: z.strictObject({
        id: z.uuid(),
        patientId: z.uuid(),
        consultId: z.uuid(),
        formId: z.string().min(1).max(60),
        formVersion: z.number().int().min(1),
        formEffective: z.iso.date(),
        title: z.string().min(1).max(200),
        scope: z.enum(['consult', 'patient']),
        text: z.string().min(1).max(50_000),
        textSha256: hash,
        choices: z
          .array(z.strictObject({ id: z.string().max(60), question: z.string().max(500), answer: z.boolean() }))
          .max(20),
        method: z.enum(['drawn', 'typed']),
        signature: drawnSignatureSchema.nullable(),
        patientName: z.string().trim().min(1).max(200),
        signedAt: iso,
        countersignerId: z.string().min(1).max(60),
        countersignedBy: z.string().trim().min(1).max(120),
        recordHash: hash
      }),
      withdrawal: z
        .strictObject({
          id: z.uuid(),
          consentId: z.uuid(),
          withdrawnAt: iso,
          reason: z.string().trim().min(1).max(1000),
          recordedBy: z.string().trim().min(1).max(120),
          entryHash: hash
        })
        .nullable()
    })
  )
  .max(50)
  .default([])

export interface ExportedConsent {
  readonly consent: Consent
  readonly withdrawal: ConsentWithdrawal | null
}

/** A photo as exported: its index row without the thumbnail; the file travels beside the JSON as `photos/<sha256>.jpg`. */
export type ExportedPhoto = Omit<PhotoSummary, 'thumb'>

/** One consult as exported: the record, its patient, its amendments, the public keys of their signers, the consents taken in it, and its photos. */
export interface ExportedConsult {
  readonly consult: Consult
  readonly patient: Patient
  readonly amendments: readonly Amendment[]
  readonly keys: readonly PublicSigningKey[]
  readonly consents: readonly ExportedConsent[]
  readonly photos: readonly ExportedPhoto[]
}

export const publicKeySchema = z.strictObject({
  id: z.uuid(),
  practitionerId: z.uuid(),
  practitionerName: z.string().trim().min(1).max(120),
  /** SPKI DER of an Ed25519 key is 44 bytes: 60 characters of base64, padding included. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{59}=$/),
  createdAt: iso
})

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
  fullName: nameText(200, 'A patient needs a name.'),
  // A real date, but not checked against today: the file may come from a clock ahead of this one.
  dateOfBirth: z.string().refine(isIsoDate, 'A date of birth is not a real date.').nullable(),
  phone: phoneText.nullable(),
  email: emailText.nullable(),
  fitzpatrick: z.number().int().min(1).max(6).nullable(),
  // Exports made before patients had notes carry none.
  notes: z
    .string()
    .max(2000)
    .nullish()
    .transform((value) => value ?? null),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true })
})

export const importBatchSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        consult: consultForImportSchema,
        patient: patientForImport,
        amendments: amendmentsSchemaForImport,
        keys: z.array(publicKeySchema).max(20).default([]),
        consents: consentsForImportSchema,
        /** Checked with the signatures; their files come with `photos.restore`, after the consults. */
        photos: z.array(exportedPhotoSchema).max(MAX_PHOTOS_PER_CONSULT).default([])
      })
    )
    .max(500, 'Import at most 500 consults at a time.')
})

/** A consult of the file that was not imported, and why, in words. */
export interface RefusedImport {
  readonly consultId: string
  readonly patientName: string
  readonly reason: string
}

export interface ImportResult {
  readonly added: number
  /** Already in this database, identical: left as they are, so importing twice adds nothing. */
  readonly skipped: number
  /** Failed their signature check or conflict with a different record of the same id. */
  readonly refused: readonly RefusedImport[]
}
