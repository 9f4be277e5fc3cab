import type { Block, Inline } from './schema.ts'

/**
 * A consent form's wording as one string: paragraphs apart by a blank line, bullets as
 * "- ", bold as **this**. The patient's screen and the printed copy are both drawn from
 * this string, and a signed consent stores it and its SHA-256, so what was shown is
 * exactly what is kept.
 */
const runsToText = (runs: readonly Inline[]) => runs.map((run) => (run.strong ? `**${run.text}**` : run.text)).join('')

export function blocksToText(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      block.kind === 'paragraph'
        ? runsToText(block.content)
        : block.items.map((item) => `- ${runsToText(item)}`).join('\n')
    )
    .join('\n\n')
}

function textToRuns(line: string): Inline[] {
  return line
    .split(/(\*\*[^*]+\*\*)/)
    .filter((part) => part !== '')
    .map((part) =>
      /^\*\*[^*]+\*\*$/.test(part) ? { text: part.slice(2, -2), strong: true } : { text: part, strong: false }
    )
}

/** The blocks of a stored consent text, for showing it. */
export function textToBlocks(text: string): Block[] {
  return text
    .split(/\n{2,}/)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk): Block => {
      const lines = chunk.split('\n')
      return lines.every((line) => line.startsWith('- '))
        ? { kind: 'list', items: lines.map((line) => textToRuns(line.slice(2))) }
        : { kind: 'paragraph', content: textToRuns(chunk) }
    })
}
