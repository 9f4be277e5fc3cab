import { createHash } from 'node:crypto'
import { clinicalContent, type Consult } from '../contract'

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner
  )
}

/**
 * The earlier signing method (before signing keys): SHA-256 of the clinical content, who
 * signed, and when. Kept to check consults signed that way; anyone can recompute it.
 */
export function hashSignedContent(consult: Consult, signedAt: string, signedBy: string): string {
  const signed = {
    version: 1,
    id: consult.id,
    patientId: consult.patientId,
    ...clinicalContent(consult),
    // Only when given, so consults signed before reasons existed keep their hash.
    ...(consult.overrideReason ? { overrideReason: consult.overrideReason } : {}),
    signedAt,
    signedBy
  }
  return createHash('sha256').update(canonicalJson(signed)).digest('hex')
}

/** Whether a consult's stored content still matches the hash taken when it was signed. */
export function verifySignedContent(consult: Consult): 'unsigned' | 'ok' | 'mismatch' {
  if (consult.status !== 'signed' || !consult.signedAt || !consult.signedBy || !consult.contentHash) return 'unsigned'
  return hashSignedContent(consult, consult.signedAt, consult.signedBy) === consult.contentHash ? 'ok' : 'mismatch'
}
