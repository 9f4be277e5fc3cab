import { MATCH_END, MATCH_START } from '../../db/queries/consult-search'

// Fixed patterns, compiled once: a pattern made per search (with Unicode classes) took V8
// about 5 ms to compile, at every keystroke that typed something new.
const WORD = /[\p{L}\p{N}\p{M}]+/gu
const MARKS = /\p{M}/gu

/** A word as the index compares it: accents dropped, lower case. */
const folded = (word: string): string => word.normalize('NFD').replace(MARKS, '').toLowerCase()

/** The words of `decomposed` (NFD text) that start like one of `starts`, as [index, end] pairs. */
function* matchingWords(decomposed: string, starts: readonly string[]): Generator<readonly [number, number]> {
  for (const match of decomposed.matchAll(WORD)) {
    const word = folded(match[0])
    if (starts.some((start) => word.startsWith(start))) yield [match.index, match.index + match[0].length]
  }
}

const foldedStarts = (words: readonly string[]): string[] => words.map(folded).filter(Boolean)

/** `text` with every word that starts like one of `words` between MATCH_START and MATCH_END, ignoring case and accents. */
export function markWords(text: string, words: readonly string[]): string {
  const starts = foldedStarts(words)
  if (starts.length === 0) return text
  const decomposed = text.normalize('NFD')
  let marked = ''
  let from = 0
  for (const [start, end] of matchingWords(decomposed, starts)) {
    marked += `${decomposed.slice(from, start)}${MATCH_START}${decomposed.slice(start, end)}${MATCH_END}`
    from = end
  }
  return (marked + decomposed.slice(from)).normalize('NFC')
}

/** About `width` words around the first match in the first field that has one, marked; else null. */
export function snippet(fields: readonly string[], words: readonly string[], width = 14): string | null {
  const starts = foldedStarts(words)
  if (starts.length === 0) return null
  for (const field of fields) {
    // Decomposing keeps the spaces where they were, so words count the same in both forms.
    const decomposed = field.normalize('NFD')
    const first = matchingWords(decomposed, starts).next()
    if (first.done) continue
    const before = decomposed.slice(0, first.value[0])
    const tokens = field.split(/\s+/).filter(Boolean)
    const hit = before.split(/\s+/).filter(Boolean).length - (/(^|\s)$/.test(before) ? 0 : 1)
    const start = Math.max(0, hit - Math.floor(width / 3))
    const end = Math.min(tokens.length, start + width)
    const text = tokens.slice(start, end).join(' ')
    return `${start > 0 ? '…' : ''}${markWords(text, words)}${end < tokens.length ? '…' : ''}`
  }
  return null
}
