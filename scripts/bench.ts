import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DATABASE_FILE_NAME, openConnection, openDatabase } from '../db/open'
import { matchExpression } from '../db/queries/consult-search'
import type { ConsultPage, ConsultRecord, SavedDraft } from '../electron/contract'
import { startService } from '../electron/service'
import { unlockedCalls } from './tool-session'
import { photoBenches } from './bench-photos'
import { seed } from './seed-data'

interface Stats {
  readonly p50: number
  readonly p95: number
  readonly runs: number
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { p50: at(0.5), p95: at(0.95), runs: samples.length }
}

async function time(runs: number, fn: (i: number) => unknown | Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(i) // warm caches and statement preparation
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn(i)
    samples.push(performance.now() - started)
  }
  return stats(samples)
}

const ms = (value: number) => `${value.toFixed(2)} ms`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      consults: { type: 'string', default: '100000' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      runs: { type: 'string', default: '400' }
    }
  })
  const count = Number(values.consults)
  const runs = Number(values.runs)
  const dir = mkdtempSync(join(tmpdir(), 'mnc-bench-'))
  try {
    const file = join(dir, DATABASE_FILE_NAME)
    const seeding = performance.now()
    const seeded = openDatabase(file)
    seed(seeded, count, 7)
    seeded.close()
    const seedSeconds = (performance.now() - seeding) / 1000
    console.log(`Seeded ${count} consults in ${seedSeconds.toFixed(1)} s; measuring…`)

    const service = startService({ dataDir: dir, info: { name: 'bench', version: '0', mode: 'browser' } })
    const dispatch = await unlockedCalls(service, 'Benchmark')
    const raw = openConnection(file)
    raw.exec('CREATE TABLE IF NOT EXISTS bench_scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT')
    raw.pragma('synchronous = FULL')

    const names = (raw.prepare('SELECT DISTINCT full_name FROM patients LIMIT 40').all() as { full_name: string }[]).map(
      (r) => r.full_name
    )
    const words = ['cheeks', 'wedding', 'pregnancy', 'retinol', 'numbing', 'wrinkles', 'stretch', 'collagen']
    // Every prefix of two letters or more, as typed: "lo", "lov", "love", …
    const typed = [...names.flatMap((n) => n.split(' ')), ...words].flatMap((word) =>
      Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, i + 2))
    )
    const ids = (raw.prepare('SELECT id FROM consults ORDER BY random() LIMIT 500').all() as { id: string }[]).map((r) => r.id)
    const drafts = (raw.prepare("SELECT id FROM consults WHERE status = 'draft' LIMIT 500").all() as { id: string }[]).map((r) => r.id)
    const records = new Map<string, ConsultRecord>()
    /** The version each draft is at, as the last save returned it. */
    const versions = new Map<string, string>()
    for (const id of drafts) {
      const result = await dispatch('consults.get', { id })
      if (result.ok) records.set(id, result.value as ConsultRecord)
    }

    const bareMatch = raw.prepare('SELECT rowid FROM consult_search WHERE consult_search MATCH ? LIMIT 50')
    const bareList = raw.prepare('SELECT * FROM consults ORDER BY consulted_at DESC LIMIT 50')
    const bareGet = raw.prepare('SELECT * FROM consults WHERE id = ?')
    const bareInsert = raw.prepare('INSERT INTO bench_scratch (body) VALUES (?)')
    const body = JSON.stringify(records.get(drafts[0]!)?.consult ?? {})
    const filters = [
      { areaId: 'face', status: 'signed' },
      { concernId: 'acne-scars', flagged: true },
      { areaId: 'legs', concernId: 'stretch-marks' },
      { status: 'draft', from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' }
    ]

    const rows = [
      {
        name: 'Search as you type (prefixes of names and note words)',
        op: await time(runs, (i) => dispatch('consults.search', { query: typed[i % typed.length] })),
        baselineName: 'bare FTS5 MATCH, first 50 rowids',
        baseline: await time(runs, (i) => bareMatch.all(matchExpression(typed[i % typed.length]!)))
      },
      {
        name: 'Filtered list page (area, concern, status, flags, dates)',
        op: await time(runs, (i) => dispatch('consults.search', { ...filters[i % filters.length], offset: (i % 5) * 50 })),
        baselineName: 'bare SELECT of the newest 50 consults',
        baseline: await time(runs, () => bareList.all())
      },
      {
        name: 'Open a consult (with amendments and hash check)',
        op: await time(runs, (i) => dispatch('consults.get', { id: ids[i % ids.length] })),
        baselineName: 'bare SELECT of one consult by id',
        baseline: await time(runs, (i) => bareGet.get(ids[i % ids.length]))
      },
      {
        name: 'Save a draft (validate, write, re-index, fsync)',
        op: await time(runs, (i) => {
          const id = drafts[i % drafts.length]!
          const { consult } = records.get(id)!
          const { practitioner, consultedAt, areas, noAreasNote, screening, plan, guideShown } = consult
          return dispatch('consults.saveDraft', {
              id,
              baseUpdatedAt: versions.get(id) ?? consult.updatedAt,
              draft: { practitioner, consultedAt, areas, noAreasNote, screening, plan, guideShown, notes: `${consult.notes} ${i}` }
            })
            .then((result) => {
              if (result.ok) versions.set(id, (result.value as SavedDraft).updatedAt)
              return result
            })
        }),
        baselineName: 'bare INSERT of the same JSON, one transaction',
        baseline: await time(runs, () => bareInsert.run(body))
      }
    ]

    const photos = await photoBenches(dispatch, file)
    const photoRows = [
      {
        name: 'Import 20 photos of 12 megapixels (chunked upload, strip metadata, hash, thumbnail, write)',
        op: await time(1, photos.importTwenty),
        baselineName: 'copying the same 20 files',
        baseline: await time(1, photos.copyTwenty)
      },
      {
        name: 'Open a patient’s 200 photos (thumbnail grid data)',
        op: await time(Math.min(runs, 50), photos.openGrid),
        baselineName: 'bare SELECT of the 200 thumbnails',
        baseline: await time(Math.min(runs, 50), photos.bareGrid)
      }
    ]
    photos.close()
    rows.push(...photoRows)

    const sample = (await dispatch('consults.search', { query: typed[2] })) as { ok: true; value: ConsultPage }
    service.close()
    raw.close()

    const table = rows.map(
      (r) =>
        `| ${r.name} | ${ms(r.op.p50)} | ${ms(r.op.p95)} | ${r.baselineName} | ${ms(r.baseline.p50)} | ${ms(r.baseline.p95)} | ${(r.op.p50 / r.baseline.p50).toFixed(1)}× | ${(r.op.p95 / r.baseline.p95).toFixed(1)}× |`
    )
    const report = [
      '# Benchmarks',
      '',
      'Made by `npm run bench` (scripts/bench.ts). Each operation goes through the same dispatch as',
      'the app (schema validation included) against a freshly seeded database, beside a baseline',
      'measured in the same run on the same file. Ratios compare the two; absolute times depend on',
      'the machine.',
      '',
      `- Date: ${new Date().toISOString().slice(0, 10)}`,
      `- Consults: ${count.toLocaleString('en')} (seeded in ${seedSeconds.toFixed(1)} s), ${runs} timed runs per row after warm-up`,
      `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
      `- Example: typing "${typed[2]}" found ${sample.value.total.toLocaleString('en')} consults`,
      '',
      '| Operation | p50 | p95 | Baseline | p50 | p95 | p50 ratio | p95 ratio |',
      '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
      ...table,
      '',
      `Target: search p95 under 50 ms at 100,000 consults — ${rows[0]!.op.p95 < 50 ? 'met' : 'NOT met'} (${ms(rows[0]!.op.p95)}).`,
      '',
      `Target: 20 photos of 12 megapixels imported in under 20 s — ${photoRows[0]!.op.p95 < 20_000 ? 'met' : 'NOT met'} (${ms(photoRows[0]!.op.p95)}).`,
      `Target: a patient with 200 photos opens its thumbnail grid in under 300 ms — ${photoRows[1]!.op.p95 < 300 ? 'met' : 'NOT met'} for the service call that returns the grid (${ms(photoRows[1]!.op.p95)}); drawing it in the window is not timed here.`,
      ''
    ].join('\n')
    writeFileSync(resolve(values.out), report)
    console.log(report)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
