// What backups cost on disk and in time, on a copy of a real-sized database.
// Usage: npm run bench:backups -- --data /path/to/folder-with-consults.sqlite [--days 20] [--chunk-kib 1024]
// The database is copied to a scratch folder under the system temp dir (and removed at the
// end); the original is never opened. Then: the first backup, a backup of the unchanged
// database, and `--days` simulated working days (each 50 consults saved through the service,
// 6 of them signed, a backup at midday and one in the evening) on a clock moved a day at a
// time, so the retention rule prunes as it would over those weeks.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DATABASE_FILE_NAME, openDatabase } from '../db/open'
import type { Consult, Patient, Unlocked } from '../electron/contract'
import { startService } from '../electron/service'
import { backupsDir, createBackup, listBackups } from '../electron/service/backups'
import { CHUNK_BYTES } from '../electron/service/chunk-store'
import { liveDatabase } from '../electron/service/db-snapshot'
import { BENCH_PRACTITIONER } from './bench/database-rows'
import { TOOL_PIN, unlockedCalls } from './tool-session'

const MB = 1024 * 1024
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`

/** Every file of the backups folder (photos aside: they are copied once, whatever the design) with its size. */
function files(dir: string): Map<string, number> {
  if (!existsSync(dir)) return new Map()
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => !name.startsWith('photos'))
      .map((name) => [name, statSync(join(dir, name))] as const)
      .filter(([, stat]) => stat.isFile())
      .map(([name, stat]) => [name, stat.size])
  )
}
const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0)
/** Bytes of files in `after` that were not in `before`: what a backup wrote. */
const added = (before: Map<string, number>, after: Map<string, number>) =>
  [...after].filter(([name]) => !before.has(name)).reduce((sum, [, size]) => sum + size, 0)

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      days: { type: 'string', default: '20' },
      'chunk-kib': { type: 'string', default: String(CHUNK_BYTES / 1024) }
    }
  })
  if (!values.data) throw new Error('usage: bench-backups --data FOLDER [--days N]')
  const days = Number(values.days)
  const chunkBytes = Number(values['chunk-kib']) * 1024
  const source = join(resolve(values.data), DATABASE_FILE_NAME)
  const scratch = mkdtempSync(join(tmpdir(), 'mnc-bench-backups-'))
  try {
    for (const suffix of ['', '-wal']) {
      if (existsSync(source + suffix)) copyFileSync(source + suffix, join(scratch, DATABASE_FILE_NAME + suffix))
    }
    let clock = Date.UTC(2026, 10, 2, 8, 0)
    const service = startService({
      dataDir: scratch,
      info: { name: 'bench-backups', version: '0', mode: 'browser' },
      now: () => clock
    })
    try {
      let send = await unlockedCalls(service, BENCH_PRACTITIONER)
      const call = async <T>(channel: string, input: unknown): Promise<T> => {
        const result = await send(channel, input)
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
        return result.value as T
      }
      const { practitioner } = await call<Unlocked>('session.current', undefined)
      const dir = backupsDir(service.databasePath)
      const dbBytes = () => statSync(service.databasePath).size
      // The backup the app makes at start and every four hours, on a connection of its own.
      const db = openDatabase(service.databasePath)
      const backUp = async () => {
        const before = files(dir)
        const started = performance.now()
        const path = service.databasePath
        const backup = await createBackup(liveDatabase(db, path, undefined), path, 'auto', {
          now: new Date(clock),
          chunkBytes
        })
        const ms = performance.now() - started
        const after = files(dir)
        return { backup, ms, added: added(before, after), store: total(after) }
      }
      const lines: string[] = []
      const say = (line: string) => {
        lines.push(line)
        console.log(line)
      }

      const first = await backUp()
      const patients = await call<Patient[]>('patients.search', { query: '' })
      say(
        `Database: ${mb(first.backup.bytes)} (${(first.backup.bytes / 1e9).toFixed(2)} GB), chunks of ${chunkBytes / 1024} KiB`
      )
      say(`First backup: ${mb(first.added)} written in ${(first.ms / 1000).toFixed(1)} s`)
      const files0 = files(dir).size
      clock += 4 * 3_600_000
      const again = await backUp()
      say(
        `Backup of the unchanged database: ${again.added} bytes and ${files(dir).size - files0} files written in ${(again.ms / 1000).toFixed(1)} s (it reads and hashes the file)`
      )

      const perBackup: number[] = []
      const storeByDay: number[] = []
      let consults = 0
      for (let day = 0; day < days; day++) {
        for (const hour of [9, 14]) {
          clock = Date.UTC(2026, 10, 3 + day, hour, 0)
          send = await unlockedCalls(service, BENCH_PRACTITIONER)
          for (let i = 0; i < 25; i++) {
            const patient =
              i % 5 === 0
                ? await call<Patient>('patients.create', { fullName: `Bench Patient ${day}-${hour}-${i}` })
                : patients[(day * 50 + hour + i) % patients.length]!
            const consult = await call<Consult>('consults.create', { patientId: patient.id })
            await call('consults.saveDraft', {
              id: consult.id,
              baseUpdatedAt: consult.updatedAt,
              draft: {
                consultedAt: consult.consultedAt,
                practitioner: practitioner.name,
                noAreasNote: `Came to ask about a course for the face (day ${day}, ${i}).`,
                notes: 'Discussed downtime, aftercare and a test patch at the next visit.'
              }
            })
            consults++
            if (i % 8 === 0) {
              await call('consults.sign', { id: consult.id, practitionerId: practitioner.id, pin: TOOL_PIN })
            }
          }
          clock = Date.UTC(2026, 10, 3 + day, hour + 3, 0)
          perBackup.push((await backUp()).added)
        }
        storeByDay.push(total(files(dir)))
        console.error(
          `day ${day + 1}: store ${mb(storeByDay.at(-1)!)}, backups wrote ${perBackup.slice(-2).map(mb).join(' and ')}`
        )
      }
      const sorted = [...perBackup].sort((a, b) => a - b)
      const median = sorted[Math.floor(sorted.length / 2)]!
      const finalDb = dbBytes()
      const store = storeByDay.at(-1)!
      say(
        `A working day (${days} simulated, 50 consults a day, 6 signed, 2 backups a day; ${consults} consults added): ` +
          `each backup wrote ${mb(median)} (median), ${mb(sorted.at(-1)!)} at most`
      )
      say(
        `Backups on disk after ${days} days (retention settled, ${
          listBackups(dir).length
        } backups kept): ${mb(store)} = ${(store / finalDb).toFixed(2)}× the database (${mb(finalDb)})`
      )
      say(
        `Store at the end of each day (× the database): ${storeByDay.map((b) => (b / finalDb).toFixed(2)).join(', ')}`
      )
      db.close()
    } finally {
      service.close()
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
