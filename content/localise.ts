import type { Spelling } from './lists.ts'
import type { Locale } from './schema.ts'

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `text` in the clinic's spelling: UK as written, or each listed UK word swapped for its US form. */
export function localise(locale: Locale, spelling: Spelling, text: string): string {
  if (spelling === 'uk') return text
  return locale.spelling.reduce(
    (out, { uk, us }) =>
      out.replace(new RegExp(`(?<![\\p{L}-])${escape(uk)}(?![\\p{L}-])`, 'giu'), (found) =>
        found[0] === found[0]!.toUpperCase() ? us[0]!.toUpperCase() + us.slice(1) : us
      ),
    text
  )
}
