import { describe, expect, it, vi } from 'vitest'
import { ViewTransform } from './view-transform.svelte'

/** The parts of a DOM event the handlers read. */
const key = (key: string) =>
  ({ key, preventDefault: vi.fn() }) as unknown as KeyboardEvent & { preventDefault: ReturnType<typeof vi.fn> }
const pointer = (clientX: number, clientY: number) =>
  ({ clientX, clientY, pointerId: 1, currentTarget: { setPointerCapture: vi.fn() } }) as unknown as PointerEvent

describe('the shared zoom and pan', () => {
  it('zooms between 1× and 8×, and back at 1× the picture is centred again', () => {
    const view = new ViewTransform()
    view.zoom(2)
    view.pan(30, -10)
    expect(view.css).toBe('translate(30px, -10px) scale(2)')
    view.zoom(100)
    expect(view.scale).toBe(8)
    view.zoom(1 / 100)
    expect([view.scale, view.x, view.y]).toEqual([1, 0, 0])
  })

  it('does not pan a picture that is not zoomed in', () => {
    const view = new ViewTransform()
    view.pan(50, 50)
    expect(view.css).toBe('translate(0px, 0px) scale(1)')
  })

  it('drags the picture by as far as the pointer moves, until it is let go', () => {
    const view = new ViewTransform()
    view.zoom(2)
    view.handlers.onpointermove(pointer(500, 500)) // moving without a press does nothing
    view.handlers.onpointerdown(pointer(100, 100))
    view.handlers.onpointermove(pointer(120, 90))
    view.handlers.onpointermove(pointer(150, 95))
    view.handlers.onpointerup()
    view.handlers.onpointermove(pointer(300, 300))
    expect([view.x, view.y]).toEqual([50, -5])
  })

  it('works from the keyboard: + and − zoom, arrows pan, other keys are left alone', () => {
    const view = new ViewTransform()
    const plus = key('+')
    view.handlers.onkeydown(plus)
    expect(view.scale).toBeCloseTo(1.2)
    view.handlers.onkeydown(key('ArrowLeft'))
    view.handlers.onkeydown(key('ArrowUp'))
    expect([view.x, view.y]).toEqual([40, 40])
    view.handlers.onkeydown(key('-'))
    expect([view.scale, view.x, view.y]).toEqual([1, 0, 0])
    const tab = key('Tab')
    view.handlers.onkeydown(tab)
    expect(plus.preventDefault).toHaveBeenCalled()
    expect(tab.preventDefault).not.toHaveBeenCalled()
  })

  it('zooms in when the wheel turns away, out when it turns back, and keeps the page from scrolling', () => {
    const view = new ViewTransform()
    const wheel = (deltaY: number) => ({ deltaY, preventDefault: vi.fn() }) as unknown as WheelEvent
    const up = wheel(-100)
    view.onwheel(up)
    view.onwheel(wheel(-100))
    expect(view.scale).toBeCloseTo(1.44)
    view.onwheel(wheel(100))
    expect(view.scale).toBeCloseTo(1.2)
    expect(up.preventDefault).toHaveBeenCalled()
  })
})
