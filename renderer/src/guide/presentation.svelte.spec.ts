import content from 'virtual:content'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { stubFullscreenDocument } from '../../../tests/support/fullscreen-document'
import { presentation } from './presentation.svelte'

const ids = content.guide.map((screen) => screen.id)

afterEach(() => vi.unstubAllGlobals())

describe('presentation mode', () => {
  it('starts full screen on the screen asked for, and ends with the screens shown in the order first seen', async () => {
    const page = stubFullscreenDocument()
    const onEnd = vi.fn()
    const before = new Date().toISOString()
    presentation.start(content.guide, 2, onEnd)
    await vi.waitFor(() => expect(page.fullscreenElement).not.toBeNull())
    expect(presentation.active).toBe(true)
    expect(presentation.position?.screen.id).toBe(ids[2])

    presentation.position!.next()
    presentation.position!.first()
    presentation.position!.goTo(2)
    const record = presentation.end()

    expect(record?.screenIds).toEqual([ids[2], ids[3], ids[0]])
    expect(record!.startedAt >= before && record!.endedAt >= record!.startedAt).toBe(true)
    expect(onEnd).toHaveBeenCalledExactlyOnceWith(record)
    expect(presentation.lastRecord).toEqual(record)
    expect([presentation.active, presentation.position]).toEqual([false, null])
    expect(page.exitFullscreen).toHaveBeenCalledOnce()
  })

  it('ends once: a second end records nothing and tells no one', () => {
    stubFullscreenDocument()
    const onEnd = vi.fn()
    presentation.start(content.guide, 0, onEnd)
    const record = presentation.end()
    expect(presentation.end()).toBeNull()
    expect(onEnd).toHaveBeenCalledOnce()
    expect(presentation.lastRecord).toBe(record)
  })

  it('a new presentation does not report to the one before it', () => {
    stubFullscreenDocument()
    const first = vi.fn()
    presentation.start(content.guide, 0, first)
    presentation.end()
    presentation.start(content.guide, ids.length - 1)
    expect(presentation.end()?.screenIds).toEqual([ids.at(-1)])
    expect(first).toHaveBeenCalledOnce()
  })
})
