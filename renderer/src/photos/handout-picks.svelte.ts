import type { PhotoSummary } from '../../../electron/contract'
import { api } from '../lib/api'

/** Which of a consult's photos the practitioner picked to show on its handout. */
export class HandoutPicks {
  #ids = $state.raw<ReadonlySet<string>>(new Set())
  /** Why the last pick did not hold, in words. */
  problem = $state<string | null>(null)

  get ids(): ReadonlySet<string> {
    return this.#ids
  }

  async load(consultId: string): Promise<void> {
    const result = await api.photos.handoutPicks({ consultId })
    if (result.ok) this.#ids = new Set(result.value)
  }

  async set(photo: PhotoSummary, picked: boolean): Promise<void> {
    const result = await api.photos.pickForHandout({ id: photo.id, picked })
    if (!result.ok) return void (this.problem = result.error.message)
    this.problem = null
    const ids = new Set(this.#ids)
    if (picked) ids.add(photo.id)
    else ids.delete(photo.id)
    this.#ids = ids
  }
}
