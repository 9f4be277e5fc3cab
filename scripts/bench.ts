import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DATABASE_FILE_NAME, openDatabase } from '../db/open'
import { startService } from '../electron/service'
import { backupsDir } from '../electron/service/backups'
import { BENCH_PRACTITIONER, databaseRows } from './bench/database-rows'
import { unlockedCalls } from './tool-session'
import { pair, type Row } from './bench/measure'
import { PATIENT_PHOTOS, photoBenches } from './bench-photos'
import type { Dispatch } from '../electron/service/dispatch'
import { pageRows } from './bench/page-rows'
import { bundleSizes, folderBytes, mergeReport, sizes, type Target } from './bench/report'
import { seed } from './seed-data'

const HEADER = `# Benchmarks

Made by \`npm run bench -- --consults N\` (scripts/bench.ts; default 100,000). Every row times
an operation and its baseline alternately, run by run, on the same database file in the same
process, so both see the same caches, disk and CPU neighbours; the ratios are the claim, the
absolute times depend on the machine and its load. Each baseline does the same work by the
bare shortest path, and says what it is:

- **Search**: the same matches asked of FTS5 in their fastest form (a prefix of up to three
  letters from the prefix index; a longer one as the words it starts, from
  \`consult_search_words\`: \`("wedding" OR "weddings")\`, which FTS5 walks newest first and
  stops at the page), worked out before timing, with the same "count up to 1,001" rule and
  the same 50 rows read. The app works the form out at every keystroke, highlights the
  matches, and goes through its dispatch (session check, schema validation).
- **List**: the same filter written by hand as one query, same page, count and rows.
- **Open**: the same rows read by id, the consult's SHA-256 and Ed25519 signature checked.
- **Save draft**: an INSERT of the same row into a table without indexes, in its own durable
  (\`synchronous = FULL\`) transaction: the bare cost of making that row durable. The save
  answers once its row and its place in the index queue are durable; its search entry, tags
  and consent state follow on the next turn of the event loop (and before any search), in a
  second durable transaction. Its first row times the answer, with that work left untimed
  between runs; its second row times both.
- **Sign**: the row read, hashed, signed and updated, one durable transaction; the PIN check
  (scrypt) apart.
- **Start-up**: each start in a new process, timed inside it, against opening the file with
  the same pragmas in a new process.
- **Backup**: reading the database file and hashing it, the least a backup that must find
  what changed can do.

Operations go through the app's dispatch, except signing's two halves, which call the
service functions directly. The Chromium rows are measured by the page's own clock.
\`--data DIR\` reuses a seeded folder (the 1,000,000 run below was seeded once and reused).
The seed writes an audit log as a clinic's years would (an entry per signature and amendment).`

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function consultCount(file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM consults').get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      consults: { type: 'string', default: '100000' },
      data: { type: 'string' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      runs: { type: 'string', default: '400' },
      'skip-page': { type: 'boolean', default: false },
      note: { type: 'string', multiple: true, default: [] }
    }
  })
  const count = Number(values.consults)
  const runs = Number(values.runs)
  if (!Number.isInteger(count) || count < 1000)
    fail(`--consults must be a whole number of at least 1,000, not "${values.consults}".`)
  if (!Number.isInteger(runs) || runs < 10) fail(`--runs must be a whole number of at least 10, not "${values.runs}".`)
  const log = (line: string) => console.log(line)

  const temporary = values.data === undefined
  const dataDir = temporary ? mkdtempSync(join(tmpdir(), 'mnc-bench-')) : resolve(values.data!)
  const file = join(dataDir, DATABASE_FILE_NAME)
  try {
    let seeded = `reused from ${dataDir}`
    if (!existsSync(file) || consultCount(file) === 0) {
      const started = performance.now()
      const db = openDatabase(file)
      seed(db, count, 7)
      db.close()
      seeded = `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`
    }
    const found = consultCount(file)
    if (found < count * 0.99) fail(`${file} holds ${found} consults, not ${count}: use an empty --data folder.`)
    log(`${found.toLocaleString('en')} consults (${seeded}); measuring…`)
    const loadBefore = loadavg()[0]!

    const setup = startService({ dataDir, info: { name: 'bench', version: '0', mode: 'browser' } })
    await unlockedCalls(setup, BENCH_PRACTITIONER)
    setup.close()

    const rows: Row[] = await databaseRows({ dataDir, runs, backupRuns: count >= 500_000 ? 1 : 3, log })
    const photos = await photoRows(dataDir, file, runs)
    rows.push(...photos.rows)
    const rendererDir = resolve(__dirname, '../renderer')
    const words = ['Lovelace', 'Hopper', 'Okafor', 'Kim', 'wedding', 'numbing', 'Tanaka', 'collagen']
    const photoPatient = { id: photos.gridPatientId, photos: PATIENT_PHOTOS }
    if (!values['skip-page'])
      rows.push(...(await pageRows({ dataDir, staticDir: rendererDir, runs, words, photoPatient, log })))

    const bundle = bundleSizes(rendererDir)
    const find = (name: string) => rows.find((r) => r.name.startsWith(name))
    const listAndSearch = rows.filter((r) => r.group.startsWith('Past consults') || r.group === 'Search as you type')
    const worst = (pick: (r: Row) => number) => Math.max(...listAndSearch.map(pick))
    const worstRow = (pick: (r: Row) => number) => listAndSearch.reduce((a, b) => (pick(b) > pick(a) ? b : a))
    const save = find('save a draft, until its answer')!
    const instant = [...listAndSearch, find('open a consult')!, save, find('find a patient')!]
    const startUp = find('start the service')!
    const opens = find('no filter')!
    const first = find('first screen')
    const key = find('keystroke')
    const importPhotos = find('import 20 photos')!
    const photoGrid = find('open a patient with')
    const targets: Target[] =
      count >= 1_000_000
        ? [
            {
              what: 'every list page and search keystroke (server side) p95 under 10 ms',
              met: worst((r) => r.op.p95) < 10,
              detail: `worst ${worstRow((r) => r.op.p95).name}: ${worst((r) => r.op.p95).toFixed(2)} ms`
            },
            {
              what: 'each at most 3× its bare baseline (p95)',
              met: worst((r) => r.op.p95 / r.baseline.p95) <= 3,
              detail: `worst ${worstRow((r) => r.op.p95 / r.baseline.p95).name}: ${worst((r) => r.op.p95 / r.baseline.p95).toFixed(1)}×`
            },
            {
              what: 'opening the screen p95 under 5 ms',
              met: opens.op.p95 < 5,
              detail: `${opens.op.p95.toFixed(2)} ms`
            },
            {
              what: 'save draft at most 1.5× a bare durable insert (p95)',
              met: save.op.p95 / save.baseline.p95 <= 1.5,
              detail: `${(save.op.p95 / save.baseline.p95).toFixed(2)}×`
            },
            {
              what: 'start-up under 300 ms (p95)',
              met: startUp.op.p95 < 300,
              detail: `${startUp.op.p95.toFixed(1)} ms`
            }
          ]
        : [
            {
              what: 'every list page, search keystroke, open, save (its answer) and patient search p95 under 5 ms',
              met: Math.max(...instant.map((r) => r.op.p95)) < 5,
              detail: `worst ${instant.reduce((a, b) => (b.op.p95 > a.op.p95 ? b : a)).name}: ${Math.max(...instant.map((r) => r.op.p95)).toFixed(2)} ms`
            }
          ]
    if (key)
      targets.push({
        what: 'keystroke to results on screen p95 under 150 ms',
        met: key.op.p95 < 150,
        detail: `${key.op.p95.toFixed(1)} ms`
      })
    if (first)
      targets.push({
        what: 'first screen within 3× a blank page (p95)',
        met: first.op.p95 <= 3 * first.baseline.p95,
        detail: `${(first.op.p95 / first.baseline.p95).toFixed(1)}×`
      })
    targets.push({
      what: 'importing 20 photos of 12 megapixels under 20 s',
      met: importPhotos.op.p95 < 20_000,
      detail: `${(importPhotos.op.p95 / 1000).toFixed(1)} s; copying the same files ${(importPhotos.baseline.p95 / 1000).toFixed(2)} s`
    })
    if (photoGrid)
      targets.push({
        what: `a patient with ${PATIENT_PHOTOS} photos opens with its thumbnail grid in under 300 ms (p95)`,
        met: photoGrid.op.p95 < 300,
        detail: `${photoGrid.op.p95.toFixed(1)} ms; a blank page ${photoGrid.baseline.p95.toFixed(1)} ms`
      })
    targets.push({
      what: 'renderer JS at most 100 KB gzip',
      met: bundle.totalGzip <= 100 * 1024,
      detail: `${sizes.kb(bundle.totalGzip)} in all, ${sizes.kb(bundle.firstGzip)} for the first screen`
    })

    const cpu = cpus()
    const lines = [
      `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${sizes.mb(totalmem())} RAM, ${type()} ${release()}, Node ${process.version}`,
      `Consults: ${found.toLocaleString('en')} (${seeded}); up to ${runs} timed runs a row after warm-up`,
      `Load average (1 minute) on the machine: ${loadBefore.toFixed(1)} when measuring began, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpu.length} cores`,
      `Database: ${sizes.mb(statSync(file).size)}; backups folder after the run: ${sizes.mb(folderBytes(backupsDir(file)))}`,
      `Renderer JS: ${sizes.kb(bundle.total)} (${sizes.kb(bundle.totalGzip)} gzip) in all; the first screen loads ${sizes.kb(bundle.first)} (${sizes.kb(bundle.firstGzip)} gzip)`,
      ...(values.note ?? [])
    ]
    const out = resolve(values.out)
    const report = mergeReport(existsSync(out) ? readFileSync(out, 'utf8') : null, HEADER, {
      consults: count,
      lines,
      rows,
      targets
    })
    writeFileSync(out, report)
    console.log(report)
  } finally {
    if (temporary) rmSync(dataDir, { recursive: true, force: true })
  }
}

void main()

/**
 * Photos: importing 20 of 12 megapixels beside copying the same files; the data of a 200-photo
 * grid beside its bare SELECT. Returns the rows and the patient with the 200 photos, for the page rows.
 */
async function photoRows(dataDir: string, file: string, runs: number): Promise<{ rows: Row[]; gridPatientId: string }> {
  const service = startService({ dataDir, info: { name: 'bench', version: '0', mode: 'browser' } })
  await service.backgroundChecks()
  try {
    const send = await unlockedCalls(service, BENCH_PRACTITIONER)
    const photos = await photoBenches(((channel, input) => send(channel, input)) as Dispatch, file)
    try {
      const rows: Row[] = [
        {
          group: 'Photos',
          name: 'import 20 photos of 12 megapixels (chunked upload, strip metadata, hash, thumbnail, write)',
          baselineName: 'copying the same 20 files',
          ...(await pair({ runs: 1, warmUp: 0 }, photos.importTwenty, photos.copyTwenty))
        },
        {
          group: 'Photos',
          name: `a patient’s ${PATIENT_PHOTOS} photos: the grid’s data call (photos.forPatient, thumbnails included), no page`,
          baselineName: `bare SELECT of the ${PATIENT_PHOTOS} thumbnails`,
          ...(await pair({ runs: Math.min(runs, 50), warmUp: 3 }, photos.openGrid, photos.bareGrid))
        }
      ]
      return { rows, gridPatientId: photos.gridPatientId }
    } finally {
      photos.close()
    }
  } finally {
    service.close()
  }
}
