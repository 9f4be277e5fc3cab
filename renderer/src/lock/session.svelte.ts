import type { Practitioner } from '../../../electron/contract'
import { api } from '../lib/api'
import { locale } from '../lib/locale.svelte'

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * Whether the app is set up and unlocked. After the idle minutes from Settings without a
 * touch, click or key, it locks; a practitioner's PIN unlocks it.
 */
class AppSession {
  #setupDone = $state<boolean | null>(null)
  #locked = $state(false)
  #practitioners = $state.raw<readonly Practitioner[]>([])
  #idleMinutes = 5
  #timer: ReturnType<typeof setTimeout> | undefined

  get setupDone(): boolean | null {
    return this.#setupDone
  }
  get locked(): boolean {
    return this.#locked
  }
  /** Active practitioners, who may unlock and sign. */
  get practitioners(): readonly Practitioner[] {
    return this.#practitioners.filter((p) => p.active)
  }

  async load(): Promise<void> {
    const [setup, settings] = await Promise.all([api.setup.state(), api.settings.get()])
    if (settings.ok) {
      this.#idleMinutes = settings.value.settings.idleLockMinutes
      locale.use(settings.value.settings)
    }
    this.#setupDone = setup.ok ? setup.value.done : true
    if (this.#setupDone) await this.refreshPractitioners()
    for (const event of ACTIVITY) window.addEventListener(event, () => this.#restartTimer(), { capture: true, passive: true })
    this.#restartTimer()
  }

  async refreshPractitioners(): Promise<void> {
    const result = await api.practitioners.list()
    if (result.ok) this.#practitioners = result.value
  }

  setIdleMinutes(minutes: number): void {
    this.#idleMinutes = minutes
    this.#restartTimer()
  }

  setupCompleted(): void {
    this.#setupDone = true
    void this.refreshPractitioners()
  }

  lock(): void {
    this.#locked = true
    clearTimeout(this.#timer)
  }

  unlocked(): void {
    this.#locked = false
    this.#restartTimer()
  }

  #restartTimer(): void {
    clearTimeout(this.#timer)
    if (this.#locked || !this.#setupDone) return
    this.#timer = setTimeout(() => this.lock(), this.#idleMinutes * 60_000)
  }
}

export const session = new AppSession()
