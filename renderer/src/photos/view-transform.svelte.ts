const MIN = 1
const MAX = 8

/** One zoom and pan shared by every image it is applied to, so compared photos stay in step. */
export class ViewTransform {
  scale = $state(1)
  x = $state(0)
  y = $state(0)
  #drag: { x: number; y: number } | null = null

  readonly css = $derived(`translate(${this.x}px, ${this.y}px) scale(${this.scale})`)

  zoom(factor: number): void {
    this.scale = Math.min(MAX, Math.max(MIN, this.scale * factor))
    if (this.scale === MIN) this.x = this.y = 0
  }

  reset(): void {
    this.scale = 1
    this.x = this.y = 0
  }

  pan(dx: number, dy: number): void {
    if (this.scale === MIN) return
    this.x += dx
    this.y += dy
  }

  /** Wheel zoom needs a listener that is not passive, so it is attached by hand. */
  readonly onwheel = (event: WheelEvent): void => {
    event.preventDefault()
    this.zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2)
  }

  readonly handlers = {
    onpointerdown: (event: PointerEvent) => {
      this.#drag = { x: event.clientX, y: event.clientY }
      ;(event.currentTarget as Element).setPointerCapture(event.pointerId)
    },
    onpointermove: (event: PointerEvent) => {
      if (!this.#drag) return
      this.pan(event.clientX - this.#drag.x, event.clientY - this.#drag.y)
      this.#drag = { x: event.clientX, y: event.clientY }
    },
    onpointerup: () => {
      this.#drag = null
    },
    onkeydown: (event: KeyboardEvent) => {
      const step = 40
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [step, 0],
        ArrowRight: [-step, 0],
        ArrowUp: [0, step],
        ArrowDown: [0, -step]
      }
      if (event.key === '+' || event.key === '=') this.zoom(1.2)
      else if (event.key === '-') this.zoom(1 / 1.2)
      else if (moves[event.key]) this.pan(...moves[event.key]!)
      else return
      event.preventDefault()
    }
  }
}
