import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { appendAudit } from '../../db/queries/audit-log'
import { clearPinAttempts, pinAttempts, putPinAttempts, type PinAttempts } from '../../db/queries/pin-attempts'
import type { WritableDB } from '../../db/types'
import { ServiceError, type Practitioner } from '../contract'

// scrypt with N = 2^15: about 50 ms a guess on a laptop, in 32 MiB of memory.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const
const KEY_LENGTH = 32

function derive(pin: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, params, (error, key) => (error ? reject(error) : resolve(key)))
  )
}

/** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old PINs. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(pin, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(pin, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** Wrong PINs allowed in a row before each further try must wait. */
const FREE_TRIES = 3

/** The wait before the next try after `failures` wrong PINs in a row: doubling from 5 s, at most 5 minutes. */
export const waitAfter = (failures: number): number =>
  failures <= FREE_TRIES ? 0 : Math.min(300_000, 5_000 * 2 ** (failures - FREE_TRIES - 1))

/**
 * Guards PIN checks against guessing. Checks for one practitioner run one at a time; each
 * try is counted in the database *before* the slow hash (so a burst of guesses sent at
 * once cannot all be checked, and a restart forgets nothing); a right PIN clears the
 * count. Every wrong PIN and every lockout goes into the audit log.
 *
 * A database found damaged at start is opened for reading only, yet a practitioner must still
 * get in to restore a backup: there the count is kept in memory, and nothing is audited.
 */
export class PinGuard {
  readonly #queues = new Map<string, Promise<unknown>>()
  readonly #inMemory = new Map<string, PinAttempts>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `task` once every earlier task for the same practitioner has finished. */
  serially<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(id) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.then(
      () => undefined,
      () => undefined
    )
    this.#queues.set(id, settled)
    void settled.then(() => {
      if (this.#queues.get(id) === settled) this.#queues.delete(id)
    })
    return next
  }

  /** Counts a try for `who`, or refuses it while they must wait. */
  count(db: WritableDB, who: Practitioner): void {
    const now = this.now()
    const { failures, blockedUntil } = this.#attempts(db, who.id)
    if (blockedUntil > now) {
      const seconds = Math.ceil((blockedUntil - now) / 1000)
      throw new ServiceError(
        'forbidden',
        `Too many wrong PINs. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        {
          pin: `Too many wrong PINs. Try again in ${seconds} s.`
        }
      )
    }
    const next = { failures: failures + 1, blockedUntil: now + waitAfter(failures + 1) }
    if (readOnly(db)) this.#inMemory.set(who.id, next)
    else putPinAttempts(db, who.id, next)
  }

  /** Records a wrong PIN (already counted) in the audit log, and the lockout it starts. */
  missed(db: WritableDB, who: Practitioner, purpose: string): void {
    if (readOnly(db)) return
    const { failures } = pinAttempts(db, who.id)
    appendAudit(db, {
      action: 'pin-failed',
      actor: who.name,
      subject: purpose,
      detail: `wrong PIN (${failures} in a row)`
    })
    const wait = waitAfter(failures)
    if (wait > 0) {
      appendAudit(db, {
        action: 'pin-locked-out',
        actor: who.name,
        subject: purpose,
        detail: `no PIN checked for ${wait / 1000} s`
      })
    }
  }

  cleared(db: WritableDB, id: string): void {
    if (readOnly(db)) this.#inMemory.delete(id)
    else clearPinAttempts(db, id)
  }

  #attempts(db: WritableDB, id: string): PinAttempts {
    return readOnly(db) ? (this.#inMemory.get(id) ?? { failures: 0, blockedUntil: 0 }) : pinAttempts(db, id)
  }
}

/** Whether the database was opened for reading only (found damaged at start). */
export const readOnly = (db: WritableDB): boolean => db.pragma('query_only', { simple: true }) === 1
