import type { Practitioner, Result, SessionPractitioner, Unlocked } from '../../../electron/contract'
import { api, onLocked } from '../lib/api'
import { health } from '../lib/health.svelte'
import { locale } from '../lib/locale.svelte'

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const
/** While someone is using the app, tell the main process at most this often, so its idle clock restarts. */
const HEARTBEAT_MS = 30_000

/**
 * Whether the app is set up and unlocked, and by whom. It starts locked on every load: the
 * main process holds the session, and only a practitioner's PIN opens one. The main
 * process ends a session after the idle minutes from Settings; this page locks at the same
 * time (its own timer), and at once when any call answers "locked".
 */
class AppSession {
  #setupDone = $state<boolean | null>(null)
  #current = $state<SessionPractitioner | null>(null)
  #unlockedOnce = $state(false)
  #practitioners = $state.raw<readonly Practitioner[]>([])
  #loadError = $state<string | null>(null)
  #clinicName = $state('')
  #idleMinutes = 5
  #timer: ReturnType<typeof setTimeout> | undefined
  #lastHeartbeat = 0

  get setupDone(): boolean | null {
    return this.#setupDone
  }
  get locked(): boolean {
    return this.#current === null
  }
  /**
   * The practitioner working: whose PIN unlocked the app (or took over with "Switch
   * practitioner"). They are the practitioner of every consult they touch. Null while locked.
   */
  get working(): SessionPractitioner | null {
    return this.#current
  }
  get clinicName(): string {
    return this.#clinicName
  }
  /** True from the first unlock of this page load: screens load patient data only from then on. */
  get unlockedOnce(): boolean {
    return this.#unlockedOnce
  }
  /** Why the app could not start (say, browser mode opened without its token). */
  get loadError(): string | null {
    return this.#loadError
  }
  /** Active practitioners, who may unlock and sign. */
  get practitioners(): readonly Practitioner[] {
    return this.#practitioners.filter((p) => p.active)
  }

  async load(): Promise<void> {
    onLocked(() => this.#ended())
    // Asked together: the lock screen's list must be there before it shows, and the first
    // screen waits for one round trip, not two.
    const [setup] = await Promise.all([api.setup.state(), this.refreshPractitioners()])
    if (!setup.ok) {
      await health.load()
      if (health.writable) return void (this.#loadError = setup.error.message)
    }
    // A database too damaged to read was set up all the same: the lock screen offers its latest good backup.
    this.#setupDone = setup.ok ? setup.value.done : true
    for (const event of ACTIVITY) window.addEventListener(event, () => this.#active(), { capture: true, passive: true })
  }

  async refreshPractitioners(): Promise<void> {
    const result = await api.practitioners.list()
    if (result.ok) this.#practitioners = result.value
  }

  settingsSaved(settings: { readonly idleLockMinutes: number; readonly clinicName: string }): void {
    this.#idleMinutes = settings.idleLockMinutes
    this.#clinicName = settings.clinicName
    this.#restartTimer()
  }

  setupCompleted(unlocked: Unlocked): void {
    this.#setupDone = true
    this.unlocked(unlocked)
    void this.refreshPractitioners()
  }

  /** Opens a session with a practitioner's PIN (the lock screen, or "Switch practitioner"). */
  async unlockWith(id: string, pin: string): Promise<Result<Unlocked>> {
    const result = await api.session.unlock({ id, pin })
    if (result.ok) this.unlocked(result.value)
    return result
  }

  /** Lock now, or the idle minutes passed: ends the session in the main process too. */
  lock(): void {
    this.#ended()
    void api.session.lock()
  }

  unlocked({ practitioner, idleMinutes }: Unlocked): void {
    this.#current = { id: practitioner.id, name: practitioner.name }
    this.#unlockedOnce = true
    this.#idleMinutes = idleMinutes
    this.#lastHeartbeat = Date.now()
    this.#restartTimer()
    void this.#loadClinic()
  }

  /** The clinic's name for the frame and its spelling for what patients read (settings are read once unlocked). */
  async #loadClinic(): Promise<void> {
    const settings = await api.settings.get()
    if (!settings.ok) return
    this.#clinicName = settings.value.settings.clinicName
    locale.use(settings.value.settings)
  }

  #ended(): void {
    this.#current = null
    clearTimeout(this.#timer)
  }

  #active(): void {
    if (this.locked) return
    this.#restartTimer()
    if (Date.now() - this.#lastHeartbeat >= HEARTBEAT_MS) {
      this.#lastHeartbeat = Date.now()
      void api.session.current().then((result) => {
        if (result.ok) this.#current = result.value.practitioner
      })
    }
  }

  #restartTimer(): void {
    clearTimeout(this.#timer)
    if (this.locked || !this.#setupDone) return
    this.#timer = setTimeout(() => this.lock(), this.#idleMinutes * 60_000)
  }
}

export const session = new AppSession()
