import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Row } from './measure'

const ms = (value: number) => `${value.toFixed(2)} ms`
const ratio = (op: number, baseline: number) => `${(op / baseline).toFixed(1)}×`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** The built renderer's scripts: all of them, and those the first screen loads, raw and gzipped. */
export function bundleSizes(rendererDir: string): {
  total: number
  totalGzip: number
  first: number
  firstGzip: number
} {
  const assets = join(rendererDir, 'assets')
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'))
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const loadedFirst = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!))
  const size = (names: string[]) =>
    names.reduce(
      (sum, name) => {
        const bytes = readFileSync(join(assets, name))
        return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length }
      },
      { raw: 0, gzip: 0 }
    )
  const all = size(scripts)
  const first = size(scripts.filter((name) => loadedFirst.has(name)))
  return { total: all.raw, totalGzip: all.gzip, first: first.raw, firstGzip: first.gzip }
}

/** Bytes of the files in `dir` and the folders in it; 0 when it does not exist. */
export function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum + (entry.isDirectory() ? folderBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size),
    0
  )
}

export interface Target {
  readonly what: string
  readonly met: boolean
  readonly detail: string
}

export interface Section {
  readonly consults: number
  readonly lines: readonly string[]
  readonly rows: readonly Row[]
  readonly targets: readonly Target[]
}

export function sectionText({ consults, lines, rows, targets }: Section): string {
  const table = rows.map(
    (r) =>
      `| ${r.group}: ${r.name} | ${ms(r.op.p50)} | ${ms(r.op.p95)} | ${r.baselineName} | ${ms(r.baseline.p50)} | ${ms(r.baseline.p95)} | ${ratio(r.op.p50, r.baseline.p50)} | ${ratio(r.op.p95, r.baseline.p95)} | ${r.op.runs} |`
  )
  return [
    `<!-- bench:${consults} -->`,
    `## ${consults.toLocaleString('en')} consults`,
    '',
    ...lines.map((line) => `- ${line}`),
    '',
    '| Operation | p50 | p95 | Baseline (bare, same work) | p50 | p95 | p50 ratio | p95 ratio | runs |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...table,
    '',
    'Targets:',
    '',
    ...targets.map((t) => `- ${t.met ? 'met' : '**NOT met**'}: ${t.what} (${t.detail})`),
    `<!-- /bench:${consults} -->`
  ].join('\n')
}

/** The report with this run's section put in place of an older one for the same size, others kept. */
export function mergeReport(previous: string | null, header: string, section: Section): string {
  const marker = new RegExp(`<!-- bench:(\\d+) -->[\\s\\S]*?<!-- /bench:\\1 -->`, 'g')
  const sections = new Map<number, string>()
  for (const match of previous?.matchAll(marker) ?? []) sections.set(Number(match[1]), match[0])
  sections.set(section.consults, sectionText(section))
  const ordered = [...sections.entries()].sort(([a], [b]) => a - b).map(([, text]) => text)
  return [header, ...ordered, ''].join('\n\n')
}

export const sizes = { kb, mb }
