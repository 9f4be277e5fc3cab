import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ConsentForm } from '../../../content/schema'
import { stubFullscreenDocument } from '../../../tests/support/fullscreen-document'
import { consentSession, sha256Hex } from './consent-session.svelte'

const forms = ['treatment', 'prp', 'photography'].map((id) => ({ id, title: `Consent to ${id}` }) as ConsentForm)
const consultId = '5f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'

afterEach(() => {
  if (consentSession.active) consentSession.end()
  vi.unstubAllGlobals()
})

describe('the consent session', () => {
  it('does not start without a form to sign', () => {
    const page = stubFullscreenDocument()
    const onEnd = vi.fn()
    consentSession.start({ consultId, forms: [], onEnd })
    expect(consentSession.active).toBe(false)
    expect(consentSession.form).toBeNull()
    expect(page.documentElement.requestFullscreen).not.toHaveBeenCalled()
  })

  it('goes full screen and shows each form in turn; the last countersignature ends it and leaves full screen', async () => {
    const page = stubFullscreenDocument()
    const onEnd = vi.fn()
    consentSession.start({ consultId, forms, onEnd })
    await vi.waitFor(() => expect(page.fullscreenElement).not.toBeNull())
    expect(consentSession.active).toBe(true)
    expect(consentSession.consultId).toBe(consultId)
    const seen = [[consentSession.form?.id, consentSession.position]]
    for (let i = 0; i < forms.length; i++) {
      consentSession.signed()
      seen.push([consentSession.form?.id, consentSession.position])
    }
    expect(seen).toEqual([
      ['treatment', { at: 1, of: 3 }],
      ['prp', { at: 2, of: 3 }],
      ['photography', { at: 3, of: 3 }],
      [undefined, { at: 3, of: 0 }]
    ])
    expect(consentSession.active).toBe(false)
    expect(consentSession.consultId).toBe('')
    expect(onEnd).toHaveBeenCalledOnce()
    expect(page.exitFullscreen).toHaveBeenCalledOnce()
  })

  it('leaving early ends it at once, and the next session starts again at its first form', () => {
    stubFullscreenDocument()
    const first = vi.fn()
    consentSession.start({ consultId, forms, onEnd: first })
    consentSession.signed()
    consentSession.end()
    expect(first).toHaveBeenCalledOnce()
    expect(consentSession.form).toBeNull()

    const second = vi.fn()
    consentSession.start({ consultId, forms: forms.slice(1), onEnd: second })
    expect([consentSession.form?.id, consentSession.position]).toEqual(['prp', { at: 1, of: 2 }])
    expect(first).toHaveBeenCalledOnce()
  })

  it('still shows the forms when the browser refuses full screen', async () => {
    stubFullscreenDocument({ refuse: true })
    consentSession.start({ consultId, forms, onEnd: vi.fn() })
    // Once the refusal has settled: a rejection left unhandled would fail the run.
    await new Promise((settled) => setImmediate(settled))
    expect(consentSession.active).toBe(true)
    expect(consentSession.form?.id).toBe('treatment')
  })
})

describe('the hash of the text on screen', () => {
  it('is the SHA-256 the service computes, in hex', async () => {
    // FIPS 180-2's test vector for "abc".
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await sha256Hex('Consent – “yes”')).not.toBe(await sha256Hex('Consent - "yes"'))
  })
})
