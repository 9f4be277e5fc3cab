import { describe, expect, it } from 'vitest'
import { locale } from './locale.svelte'

describe('the clinic locale', () => {
  it('shows content as written in UK spelling, and each listed word in its US form once the clinic chooses US', () => {
    const text = 'Colour fades; the colour of make-up, a millimetre deep. Colourful words stay.'
    locale.use({ spelling: 'uk', mentionInsurance: false })
    expect(locale.text(text)).toBe(text)
    locale.use({ spelling: 'us', mentionInsurance: true })
    expect(locale.text(text)).toBe('Color fades; the color of makeup, a millimeter deep. Colourful words stay.')
    expect(locale.mentionInsurance).toBe(true)
    locale.use({ spelling: 'uk', mentionInsurance: false })
    expect([locale.text(text), locale.mentionInsurance]).toEqual([text, false])
  })
})
