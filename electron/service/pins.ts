import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { ServiceError } from '../contract'

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
  const key = await derive(pin, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/**
 * Wrong PINs per practitioner: after 3 misses each further try must wait, doubling from
 * 5 seconds up to 5 minutes; a right PIN clears the count.
 */
export class PinThrottle {
  readonly #misses = new Map<string, { count: number; until: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  check(id: string): void {
    const state = this.#misses.get(id)
    if (state && state.until > this.now()) {
      const seconds = Math.ceil((state.until - this.now()) / 1000)
      throw new ServiceError('forbidden', `Too many wrong PINs. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
        pin: `Too many wrong PINs. Try again in ${seconds} s.`
      })
    }
  }

  missed(id: string): void {
    const count = (this.#misses.get(id)?.count ?? 0) + 1
    const wait = count <= 3 ? 0 : Math.min(300_000, 5_000 * 2 ** (count - 4))
    this.#misses.set(id, { count, until: this.now() + wait })
  }

  cleared(id: string): void {
    this.#misses.delete(id)
  }
}
