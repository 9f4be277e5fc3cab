import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

export interface PinAttempts {
  /** Wrong PINs in a row (an attempt is counted before its PIN is checked). */
  readonly failures: number
  /** Milliseconds since 1970 before which no PIN of this practitioner is checked. */
  readonly blockedUntil: number
}

type PinAttemptsRow = Readonly<{ practitioner_id: string; failures: number; blocked_until: number }>

const prepared = preparedStatements((db) => ({
  get: db.prepare<[practitionerId: string], PinAttemptsRow>('SELECT * FROM pin_attempts WHERE practitioner_id = ?'),
  put: db.prepare<PinAttempts & { id: string }>(
    `INSERT INTO pin_attempts (practitioner_id, failures, blocked_until) VALUES (@id, @failures, @blockedUntil)
     ON CONFLICT (practitioner_id) DO UPDATE SET failures = excluded.failures, blocked_until = excluded.blocked_until`
  ),
  clear: db.prepare<[practitionerId: string]>('DELETE FROM pin_attempts WHERE practitioner_id = ?')
}))

export function pinAttempts(db: ReadableDB, practitionerId: string): PinAttempts {
  const row = prepared(db).get.get(practitionerId)
  return { failures: row?.failures ?? 0, blockedUntil: row?.blocked_until ?? 0 }
}

export function putPinAttempts(db: WritableDB, practitionerId: string, attempts: PinAttempts): void {
  prepared(db).put.run({ id: practitionerId, ...attempts })
}

export function clearPinAttempts(db: WritableDB, practitionerId: string): void {
  prepared(db).clear.run(practitionerId)
}
