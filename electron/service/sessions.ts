import { randomBytes } from 'node:crypto'
import type { SessionPractitioner } from '../contract'

/** More open sessions than this (tabs in browser mode) and the oldest is closed. */
const MAX_SESSIONS = 16

interface OpenSession {
  readonly practitioner: SessionPractitioner
  lastSeen: number
}

/**
 * The unlocked sessions, held by the main process (or browser mode's server): a random
 * secret per unlock, handed to the page, which sends it with every call. A session ends
 * with Lock now, or once it has been idle for the idle minutes from Settings; every call
 * it makes restarts its idle clock. This, not the page, is what keeps patient data locked.
 */
export class Sessions {
  readonly #open = new Map<string, OpenSession>()

  constructor(
    private readonly idleMs: () => number,
    private readonly now: () => number = Date.now
  ) {}

  open(practitioner: SessionPractitioner): string {
    for (const secret of [...this.#open.keys()]) this.#expire(secret)
    if (this.#open.size >= MAX_SESSIONS) this.#open.delete(this.#open.keys().next().value!)
    const secret = randomBytes(32).toString('base64url')
    this.#open.set(secret, { practitioner: { id: practitioner.id, name: practitioner.name }, lastSeen: this.now() })
    return secret
  }

  /** The practitioner of a live session, its idle clock restarted; undefined when locked. */
  check(secret: string | undefined): SessionPractitioner | undefined {
    if (!secret || this.#expire(secret)) return undefined
    const session = this.#open.get(secret)
    if (!session) return undefined
    session.lastSeen = this.now()
    return session.practitioner
  }

  close(secret: string | undefined): void {
    if (secret) this.#open.delete(secret)
  }

  /** Ends every session of a practitioner (deactivated: they may no longer work in the app). */
  closeFor(practitionerId: string): void {
    for (const [secret, session] of this.#open)
      if (session.practitioner.id === practitionerId) this.#open.delete(secret)
  }

  /** Renames the practitioner in their open sessions. */
  renamed(practitioner: SessionPractitioner): void {
    for (const [secret, session] of this.#open) {
      if (session.practitioner.id === practitioner.id)
        this.#open.set(secret, { ...session, practitioner: { ...practitioner } })
    }
  }

  #expire(secret: string): boolean {
    const session = this.#open.get(secret)
    if (session && this.now() - session.lastSeen >= this.idleMs()) {
      this.#open.delete(secret)
      return true
    }
    return false
  }
}
