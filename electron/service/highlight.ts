import { MATCH_END, MATCH_START } from '../../db/queries/consult-search'

/**
 * A pattern for words that start with any of `words`, ignoring case and accents the way the
 * index does: each letter may carry combining marks in the decomposed (NFD) text.
 */
function buildWordStarts(words: readonly string[]): RegExp | null {
  const parts = words
    .map((word) =>
      [...word.normalize('NFD').replace(/\p{M}/gu, '')]
        .map((c) => `${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\p{M}*`)
        .join('')
    )
    .filter(Boolean)
  if (parts.length === 0) return null
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${parts.join('|')})[\\p{L}\\p{N}\\p{M}]*`, 'giu')
}

// A page marks fifty rows with the same words: build their pattern once.
let lastPattern: { readonly key: string; readonly pattern: RegExp | null } | undefined

function wordStarts(words: readonly string[]): RegExp | null {
  const key = words.join('\u0000')
  if (lastPattern?.key !== key) lastPattern = { key, pattern: buildWordStarts(words) }
  return lastPattern.pattern
}

/** `text` with every word that starts like one of `words` between MATCH_START and MATCH_END. */
export function markWords(text: string, words: readonly string[]): string {
  const pattern = wordStarts(words)
  if (!pattern) return text
  return text
    .normalize('NFD')
    .replace(pattern, (match) => `${MATCH_START}${match}${MATCH_END}`)
    .normalize('NFC')
}

/** About `width` words around the first match in the first field that has one, marked; else null. */
export function snippet(fields: readonly string[], words: readonly string[], width = 14): string | null {
  const pattern = wordStarts(words)
  if (!pattern) return null
  const matches = new RegExp(pattern.source, 'iu')
  for (const field of fields) {
    const tokens = field.split(/\s+/).filter(Boolean)
    const hit = tokens.findIndex((token) => matches.test(token.normalize('NFD')))
    if (hit === -1) continue
    const start = Math.max(0, hit - Math.floor(width / 3))
    const end = Math.min(tokens.length, start + width)
    const text = tokens.slice(start, end).join(' ')
    return `${start > 0 ? '…' : ''}${markWords(text, words)}${end < tokens.length ? '…' : ''}`
  }
  return null
}
