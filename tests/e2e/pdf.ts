import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'

export interface PrintedPdf {
  /** All the text, laid out as on paper. */
  readonly text: string
  readonly pages: number
  /** Each page's text, whitespace collapsed. */
  readonly pageTexts: readonly string[]
}

/** Renders the page as print does, and reads the PDF back with poppler. */
export async function pdfOf(page: Page, path: string): Promise<PrintedPdf> {
  await page.emulateMedia({ media: 'print' })
  writeFileSync(path, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }))
  await page.emulateMedia({ media: 'screen' })
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
  const pageTexts = Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), path, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' '
    )
  )
  return { text, pages, pageTexts }
}
