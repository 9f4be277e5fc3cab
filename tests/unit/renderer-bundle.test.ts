import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundleSizes } from '../../scripts/bench/report'

// Reads the build in out/ (the global setup builds it when it is missing or older than the code).
const out = resolve(import.meta.dirname, '../../out')
const rendererDir = join(out, 'renderer')
const assets = join(rendererDir, 'assets')
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'))
const KB = 1024

/** Strings every zod bundle holds: its error class's name and the `_zod` property its schemas carry. */
const ZOD_MARKER = /\$ZodError|\._zod\b/

describe('the page’s scripts', () => {
  it('hold no zod: the page imports only types and the zod-free modules of the contract', () => {
    const withZod = scripts.filter((name) => ZOD_MARKER.test(readFileSync(join(assets, name), 'utf8')))
    expect(withZod).toEqual([])
  })

  it('weigh at most 100 KB gzip in all, as the benchmark measures them', () => {
    expect(bundleSizes(rendererDir).totalGzip).toBeLessThanOrEqual(100 * KB)
  })

  it('load at most 45 KB gzip for the first screen; the other screens come in one later chunk, the content in its own', () => {
    expect(bundleSizes(rendererDir).firstGzip).toBeLessThanOrEqual(45 * KB)
    expect(scripts.map((name) => name.replace(/-[\w-]+\.js$/, '')).sort()).toEqual(['content', 'index', 'later'])
  })
})

describe('the preload', () => {
  const preload = readFileSync(join(out, 'preload/index.js'), 'utf8')

  it('holds no zod and little else: the call names and the bridge, under 8 KB', () => {
    expect(preload).not.toMatch(ZOD_MARKER)
    expect(preload.length).toBeLessThan(8 * KB)
  })
})
