import type { GuideScreen } from '../../../content/schema'
import { GuidePosition } from './guide-position.svelte'

export interface PresentationRecord {
  readonly startedAt: string
  readonly endedAt: string
  /** Guide screen ids shown to the patient, in the order first seen. */
  readonly screenIds: readonly string[]
}

/**
 * Presentation mode: the guide, full screen, facing the patient, with nothing else of
 * the app on screen. Keeps the record of what was shown for the consult to store.
 */
class Presentation {
  #position = $state.raw<GuidePosition | null>(null)
  #startedAt = ''
  #last = $state.raw<PresentationRecord | null>(null)
  #onEnd: ((record: PresentationRecord) => void) | undefined

  get active(): boolean {
    return this.#position !== null
  }
  get position(): GuidePosition | null {
    return this.#position
  }
  /** What the most recent presentation showed, for the consult that records it. */
  get lastRecord(): PresentationRecord | null {
    return this.#last
  }

  /**
   * Presents `screens` (the guide's; handed in by the screens that offer it, so the app's
   * first screen needs no content), from `fromIndex`. `onEnd` receives what was shown, for
   * example to record it on the consult.
   */
  start(screens: readonly GuideScreen[], fromIndex = 0, onEnd?: (record: PresentationRecord) => void): void {
    this.#onEnd = onEnd
    const position = new GuidePosition(screens, fromIndex)
    this.#startedAt = new Date().toISOString()
    this.#position = position
    void document.documentElement.requestFullscreen?.().catch(() => {
      // Full screen can be refused (no user gesture, a kiosk window); the mode still hides the app.
    })
  }

  end(): PresentationRecord | null {
    const position = this.#position
    if (!position) return null
    this.#last = { startedAt: this.#startedAt, endedAt: new Date().toISOString(), screenIds: position.shown }
    this.#position = null
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {})
    this.#onEnd?.(this.#last)
    this.#onEnd = undefined
    return this.#last
  }
}

export const presentation = new Presentation()
