import { describe, expect, it } from 'vitest'
import { localText } from './local-text'
import { locale } from './locale.svelte'

describe('the clinic locale', () => {
  it('shows content as written in UK spelling, and each listed word in its US form once the clinic chooses US', () => {
    const text = 'Colour fades; the colour of make-up, a millimetre deep. Colourful words stay.'
    locale.use({ spelling: 'uk', mentionInsurance: false })
    expect(localText(text)).toBe(text)
    locale.use({ spelling: 'us', mentionInsurance: true })
    expect(localText(text)).toBe('Color fades; the color of makeup, a millimeter deep. Colourful words stay.')
    expect(locale.mentionInsurance).toBe(true)
    locale.use({ spelling: 'uk', mentionInsurance: false })
    expect([localText(text), locale.mentionInsurance]).toEqual([text, false])
  })
})
