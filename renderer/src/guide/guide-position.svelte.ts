import type { GuideScreen } from '../../../content/schema'

/** Where the practitioner is in the guide, and which screens the patient has seen. */
export class GuidePosition {
  readonly screens: readonly GuideScreen[]
  #index = $state(0)
  #shown = $state.raw<readonly string[]>([])

  constructor(screens: readonly GuideScreen[], startAt = 0) {
    this.screens = screens
    this.#index = Math.max(0, Math.min(screens.length - 1, startAt))
    this.#markShown()
  }

  get index(): number {
    return this.#index
  }
  get screen(): GuideScreen {
    return this.screens[this.#index]!
  }
  get isFirst(): boolean {
    return this.#index === 0
  }
  get isLast(): boolean {
    return this.#index === this.screens.length - 1
  }
  /** Ids of the screens shown so far, in the order first seen. */
  get shown(): readonly string[] {
    return this.#shown
  }

  goTo(index: number): void {
    this.#index = Math.max(0, Math.min(this.screens.length - 1, index))
    this.#markShown()
  }
  next(): void {
    this.goTo(this.#index + 1)
  }
  previous(): void {
    this.goTo(this.#index - 1)
  }
  first(): void {
    this.goTo(0)
  }
  last(): void {
    this.goTo(this.screens.length - 1)
  }

  #markShown(): void {
    const id = this.screen.id
    if (!this.#shown.includes(id)) this.#shown = [...this.#shown, id]
  }
}
