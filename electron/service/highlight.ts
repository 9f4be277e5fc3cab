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

/** The pattern for the words of a search: `all` marks every match, `first` finds one. */
interface WordStarts {
  readonly all: RegExp
  readonly first: RegExp
}

// A page marks fifty rows with the same words: build their patterns once.
let last: { readonly key: string; readonly starts: WordStarts | null } | undefined

function wordStarts(words: readonly string[]): WordStarts | null {
  const key = words.join('\u0000')
  if (last?.key !== key) {
    const all = buildWordStarts(words)
    last = { key, starts: all && { all, first: new RegExp(all.source, 'iu') } }
  }
  return last.starts
}

/** `text` with every word that starts like one of `words` between MATCH_START and MATCH_END. */
export function markWords(text: string, words: readonly string[]): string {
  const starts = wordStarts(words)
  if (!starts) return text
  return text
    .normalize('NFD')
    .replace(starts.all, (match) => `${MATCH_START}${match}${MATCH_END}`)
    .normalize('NFC')
}

/** About `width` words around the first match in the first field that has one, marked; else null. */
export function snippet(fields: readonly string[], words: readonly string[], width = 14): string | null {
  const starts = wordStarts(words)
  if (!starts) return null
  for (const field of fields) {
    // Decomposing keeps the spaces where they were, so words count the same in both forms.
    const decomposed = field.normalize('NFD')
    const at = decomposed.search(starts.first)
    if (at === -1) continue
    const tokens = field.split(/\s+/).filter(Boolean)
    const hit =
      decomposed.slice(0, at).split(/\s+/).filter(Boolean).length - (/(^|\s)$/.test(decomposed.slice(0, at)) ? 0 : 1)
    const start = Math.max(0, hit - Math.floor(width / 3))
    const end = Math.min(tokens.length, start + width)
    const text = tokens.slice(start, end).join(' ')
    return `${start > 0 ? '…' : ''}${markWords(text, words)}${end < tokens.length ? '…' : ''}`
  }
  return null
}
