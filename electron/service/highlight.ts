import { MATCH_END, MATCH_START } from '../../db/queries/consult-search'

// Fixed patterns, compiled once: a pattern made per search (with Unicode classes) took V8
// about 5 ms to compile, at every keystroke that typed something new.
const WORD = /[\p{L}\p{N}\p{M}]+/gu
const MARKS = /\p{M}/gu

/** A word as the index compares it: accents dropped, lower case. */
const folded = (word: string): string => word.normalize('NFD').replace(MARKS, '').toLowerCase()

/** One letter, digit or mark: a character of a word, as the index splits words. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u

const isAsciiWordChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)

/**
 * matchingWords for text whose words are all ASCII (most notes: punctuation such as "·" or "’"
 * may be anything), walked a character at a time, a small part of a Unicode pattern's cost;
 * null at the first letter beyond ASCII, for the pattern to take over.
 */
function asciiMatchingWords(text: string, starts: readonly string[], max: number): [number, number][] | null {
  const found: [number, number][] = []
  const lower = text.toLowerCase()
  for (let i = 0; i < lower.length && found.length < max; i++) {
    const code = lower.charCodeAt(i)
    if (code > 127 && WORD_CHAR.test(String.fromCodePoint(lower.codePointAt(i)!))) return null
    if (!isAsciiWordChar(code)) continue
    let end = i + 1
    while (end < lower.length && isAsciiWordChar(lower.charCodeAt(end))) end++
    if (starts.some((start) => start.length <= end - i && lower.startsWith(start, i))) found.push([i, end])
    i = end - 1
  }
  return found
}

/**
 * The words of `decomposed` (NFD text) that start like one of `starts`, as [index, end] pairs,
 * at most `max` of them. This runs over 50 rows at every keystroke, so text with ASCII words
 * only takes the walk above; other text the Unicode pattern.
 */
function matchingWords(decomposed: string, starts: readonly string[], max = Infinity): [number, number][] {
  const ascii = asciiMatchingWords(decomposed, starts, max)
  if (ascii) return ascii
  const found: [number, number][] = []
  WORD.lastIndex = 0
  for (let match = WORD.exec(decomposed); match && found.length < max; match = WORD.exec(decomposed)) {
    const word = match[0].toLowerCase().replace(MARKS, '')
    if (starts.some((start) => word.startsWith(start))) found.push([match.index, match.index + match[0].length])
  }
  return found
}

/** Marks the words of a text that start like one of `starts` (folded), between MATCH_START and MATCH_END. */
function markStarts(text: string, starts: readonly string[]): string {
  const decomposed = text.normalize('NFD')
  let marked = ''
  let from = 0
  for (const [start, end] of matchingWords(decomposed, starts)) {
    marked += `${decomposed.slice(from, start)}${MATCH_START}${decomposed.slice(start, end)}${MATCH_END}`
    from = end
  }
  return (marked + decomposed.slice(from)).normalize('NFC')
}

export interface Highlighter {
  /** `text` with every word that starts like a searched one marked, ignoring case and accents. */
  mark(text: string): string
  /** About `width` words around the first match in the first field that has one, marked; else null. */
  snippet(fields: readonly string[], width?: number): string | null
}

/** Highlights for one search, its words folded once for all the rows it shows. */
export function highlighter(words: readonly string[]): Highlighter {
  const starts = words.map(folded).filter(Boolean)
  return {
    mark: (text) => (starts.length === 0 ? text : markStarts(text, starts)),
    snippet(fields, width = 14) {
      if (starts.length === 0) return null
      for (const field of fields) {
        // Decomposing keeps the spaces where they were, so words count the same in both forms.
        const decomposed = field.normalize('NFD')
        const [first] = matchingWords(decomposed, starts, 1)
        if (!first) continue
        const before = decomposed.slice(0, first[0])
        const tokens = field.split(/\s+/).filter(Boolean)
        const hit = before.split(/\s+/).filter(Boolean).length - (/(^|\s)$/.test(before) ? 0 : 1)
        const start = Math.max(0, hit - Math.floor(width / 3))
        const end = Math.min(tokens.length, start + width)
        const text = tokens.slice(start, end).join(' ')
        return `${start > 0 ? '…' : ''}${markStarts(text, starts)}${end < tokens.length ? '…' : ''}`
      }
      return null
    }
  }
}
