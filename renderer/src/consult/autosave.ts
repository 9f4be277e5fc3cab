import type { Result } from '../../../electron/contract'

export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

/**
 * Saves the latest value a short while after the last change, one save at a time, and
 * never drops a change: a failed save keeps its value pending until the next attempt. A
 * conflict (the record is signed, or changed elsewhere) is not retried: it cannot succeed.
 */
export class Autosaver<T> {
  #pending: T | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #inFlight: Promise<void> | null = null

  constructor(
    private readonly save: (value: T) => Promise<Result<unknown>>,
    private readonly onState: (state: SaveState, error?: string) => void,
    private readonly delayMs = 400
  ) {}

  get hasUnsaved(): boolean {
    return this.#pending !== undefined || this.#inFlight !== null
  }

  schedule(value: T): void {
    this.#pending = value
    this.onState('pending')
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.flush(), this.delayMs)
  }

  /** Saves what is pending now, after any save already under way. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer)
    while (this.#inFlight) await this.#inFlight
    const value = this.#pending
    if (value === undefined) return
    this.#pending = undefined
    this.onState('saving')
    this.#inFlight = this.save(value).then(
      (result) =>
        this.#settle(
          value,
          result.ok ? undefined : result.error.message,
          !result.ok && result.error.code !== 'conflict'
        ),
      () => this.#settle(value, 'The change could not be saved.', true)
    )
    await this.#inFlight
    this.#inFlight = null
  }

  #settle(value: T, error: string | undefined, retry: boolean): void {
    if (error === undefined) {
      this.onState(this.#pending === undefined ? 'saved' : 'pending')
      return
    }
    if (retry) this.#pending ??= value
    this.onState('error', error)
  }

  dispose(): void {
    clearTimeout(this.#timer)
  }
}
