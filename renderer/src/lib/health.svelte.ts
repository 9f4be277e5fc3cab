import type { Health } from '../../../electron/contract'
import { api } from './api'

/** What the checks at start (and after each restore) found; reloaded after a restore. */
class DatabaseHealth {
  #health = $state.raw<Health | null>(null)

  get problems(): readonly string[] {
    return this.#health?.problems ?? []
  }
  get writable(): boolean {
    return this.#health?.writable ?? true
  }
  get latestGoodBackup(): Health['latestGoodBackup'] {
    return this.#health?.latestGoodBackup ?? null
  }
  /** Whose PIN can restore the latest good backup (its own practitioners). */
  get backupPractitioners(): Health['backupPractitioners'] {
    return this.#health?.backupPractitioners ?? []
  }

  async load(): Promise<void> {
    const result = await api.app.health()
    if (result.ok) this.#health = result.value
  }
}

export const health = new DatabaseHealth()
