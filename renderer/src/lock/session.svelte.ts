import type { Practitioner } from '../../../electron/contract'
import { api } from '../lib/api'
import { locale } from '../lib/locale.svelte'

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/** Who is working: the practitioner whose PIN last unlocked the app. */
export interface Working {
  readonly id: string
  readonly name: string
}

/**
 * Whether the app is set up and unlocked, and by whom. It starts locked; after the idle
 * minutes from Settings without a touch, click or key, it locks again; a practitioner's PIN
 * unlocks it and makes them the one working, who is the practitioner of every consult they
 * touch.
 */
class AppSession {
  #setupDone = $state<boolean | null>(null)
  #locked = $state(true)
  #practitioners = $state.raw<readonly Practitioner[]>([])
  #working = $state.raw<Working | null>(null)
  #clinicName = $state('')
  #idleMinutes = 5
  #timer: ReturnType<typeof setTimeout> | undefined

  get setupDone(): boolean | null {
    return this.#setupDone
  }
  get locked(): boolean {
    return this.#locked
  }
  /** The practitioner working now; null until the first unlock. */
  get working(): Working | null {
    return this.#working
  }
  get clinicName(): string {
    return this.#clinicName
  }
  /** Active practitioners, who may unlock and sign. */
  get practitioners(): readonly Practitioner[] {
    return this.#practitioners.filter((p) => p.active)
  }

  async load(): Promise<void> {
    const [setup, settings] = await Promise.all([api.setup.state(), api.settings.get()])
    if (settings.ok) {
      this.#idleMinutes = settings.value.settings.idleLockMinutes
      this.#clinicName = settings.value.settings.clinicName
      locale.use(settings.value.settings)
    }
    const done = setup.ok ? setup.value.done : true
    // Practitioners first: the lock screen that setupDone shows lists them.
    if (done) await this.refreshPractitioners()
    this.#setupDone = done
    for (const event of ACTIVITY) window.addEventListener(event, () => this.#restartTimer(), { capture: true, passive: true })
    this.#restartTimer()
  }

  async refreshPractitioners(): Promise<void> {
    const result = await api.practitioners.list()
    if (!result.ok) return
    this.#practitioners = result.value
    const working = result.value.find((p) => p.id === this.#working?.id)
    if (working) this.#working = { id: working.id, name: working.name }
  }

  /** After Settings are saved: the idle minutes and the clinic's name in the frame. */
  settingsSaved(settings: { readonly idleLockMinutes: number; readonly clinicName: string }): void {
    this.#idleMinutes = settings.idleLockMinutes
    this.#clinicName = settings.clinicName
    this.#restartTimer()
  }

  /** First run done: the practitioner just made is the one working. */
  async setupCompleted(clinicName: string, practitionerName: string): Promise<void> {
    this.#clinicName = clinicName
    await this.refreshPractitioners()
    const made = this.#practitioners.find((p) => p.name === practitionerName.trim())
    this.#working = made ? { id: made.id, name: made.name } : null
    this.#setupDone = true
    this.unlocked(this.#working?.id ?? '')
  }

  lock(): void {
    this.#locked = true
    clearTimeout(this.#timer)
  }

  /** A PIN was accepted: `practitionerId` is now the one working (unlock or "Switch practitioner"). */
  unlocked(practitionerId: string): void {
    const who = this.#practitioners.find((p) => p.id === practitionerId)
    if (who) this.#working = { id: who.id, name: who.name }
    this.#locked = this.#working === null
    this.#restartTimer()
  }

  #restartTimer(): void {
    clearTimeout(this.#timer)
    if (this.#locked || !this.#setupDone) return
    this.#timer = setTimeout(() => this.lock(), this.#idleMinutes * 60_000)
  }
}

export const session = new AppSession()
