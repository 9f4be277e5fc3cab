import { describe, expect, it } from 'vitest'
import { markWords, snippet } from '../../electron/service/highlight'

const shown = (text: string | null) => text?.replaceAll('\u0002', '[').replaceAll('\u0003', ']')

describe('search highlights', () => {
  it('mark every word that starts like a typed one, whatever its case or accents', () => {
    expect(shown(markWords('Ada Lovelace and Löwe, LOVED', ['lo']))).toBe('Ada [Lovelace] and [Löwe], [LOVED]')
    expect(shown(markWords('Hello world', ['lo']))).toBe('Hello world')
  })

  it('cut a snippet around the first field with a match, the match about a third of the way in', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`)
    words[20] = '(wedding)'
    const text = shown(snippet(['no match here', words.join(' ')], ['wedd'], 9))
    expect(text).toBe('…w17 w18 w19 ([wedding]) w21 w22 w23 w24 w25…')
  })

  it('start at the first word when the match is there, and say null when no field matches', () => {
    expect(shown(snippet(['Wedding in June, wants smoother cheeks'], ['wedding'], 4))).toBe('[Wedding] in June, wants…')
    expect(snippet(['nothing', 'here'], ['wedding'])).toBeNull()
  })
})
