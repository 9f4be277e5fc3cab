import { describe, expect, it } from 'vitest'
import { highlighter } from '../../electron/service/highlight'

const shown = (text: string | null) => text?.replaceAll('\u0002', '[').replaceAll('\u0003', ']')

describe('search highlights', () => {
  it('mark every word that starts like a typed one, whatever its case or accents', () => {
    expect(shown(highlighter(['lo']).mark('Ada Lovelace and Löwe, LOVED'))).toBe('Ada [Lovelace] and [Löwe], [LOVED]')
    expect(shown(highlighter(['lo']).mark('Hello world'))).toBe('Hello world')
  })

  it('find the same words in plain ASCII text (walked a character at a time) as in text with accents', () => {
    const ascii = "Re-check at 6pm; retinol, RETIN-A and pre-retinoid 're'"
    for (const typed of ['re', 'ret', '6', 'a']) {
      const mark = highlighter([typed]).mark
      expect(mark(`${ascii} é`)).toBe(`${mark(ascii)} é`)
    }
    expect(shown(highlighter(['re']).mark(ascii))).toBe(
      "[Re]-check at 6pm; [retinol], [RETIN]-A and pre-[retinoid] '[re]'"
    )
  })

  it('cut a snippet around the first field with a match, the match about a third of the way in', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`)
    words[20] = '(wedding)'
    const text = shown(highlighter(['wedd']).snippet(['no match here', words.join(' ')], 9))
    expect(text).toBe('…w17 w18 w19 ([wedding]) w21 w22 w23 w24 w25…')
  })

  it('start at the first word when the match is there, and say null when no field matches', () => {
    expect(shown(highlighter(['wedding']).snippet(['Wedding in June, wants smoother cheeks'], 4))).toBe(
      '[Wedding] in June, wants…'
    )
    expect(highlighter(['wedding']).snippet(['nothing', 'here'])).toBeNull()
  })
})
