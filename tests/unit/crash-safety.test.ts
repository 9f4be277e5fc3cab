import { spawn } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Health, Patient } from '../../electron/contract'
import { DATABASE_FILE_NAME, openReadOnly } from '../../db/open'
import { startService } from '../../electron/service'
import { backupsDir, listBackups } from '../../electron/service/backups'
import { assemble, readManifest } from '../../electron/service/chunk-store'
import { unlockedCalls } from '../../scripts/tool-session'
import { makeTempDir } from '../support/temp-dir'

const root = resolve(__dirname, '../..')
const writer = join(root, 'out/main/crash-writer.js')
const KILLS = Number(process.env['CRASH_KILLS'] ?? 50)

interface Run {
  readonly acks: { n: number; id: string }[]
  readonly lines: string[]
}

/**
 * Starts the writer in `mode`, kills it with SIGKILL `killAfterMs` after its first line (or
 * once it says `killOn`), and returns what it acknowledged.
 */
function runAndKill(dataDir: string, killAfterMs: number, mode = 'saves', killOn?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, dataDir, mode], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let timer: ReturnType<typeof setTimeout> | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      // Time the kill from the first line, so every run kills in the middle of writing.
      if (!killOn || out.includes(killOn)) timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL') return fail(new Error(`writer exited by itself (${code}): ${err}`))
      const lines = out.split('\n').filter(Boolean)
      const acks = lines
        .filter((line) => line.startsWith('ack '))
        .map((line) => {
          const [, n, id] = line.split(' ')
          return { n: Number(n), id: id! }
        })
      done({ acks, lines })
    })
  })
}

function expectIntact(path: string, label: string): void {
  const db = openReadOnly(path)
  try {
    expect(db.pragma('integrity_check', { simple: true }), label).toBe('ok')
  } finally {
    db.close()
  }
}

/** Starts the service on `dataDir` as the app would after the crash, and returns what its checks found. */
async function healthAfterRestart(dataDir: string): Promise<Health> {
  const service = startService({ dataDir, info: { name: 'test', version: '0', mode: 'browser' } })
  try {
    const result = await service.dispatch('app.health', undefined)
    return (result as { value: Health }).value
  } finally {
    service.close()
  }
}

/** Whether a backup was cut short here: a work file, or a chunk no manifest names yet. */
function cutShort(backups: string): boolean {
  if (!existsSync(backups)) return false
  if (readdirSync(backups).some((name) => name.startsWith('.partial-'))) return true
  const named = new Set(listBackups(backups).flatMap((b) => readManifest(join(backups, b.name))?.chunks ?? []))
  const chunks = join(backups, 'chunks')
  return existsSync(chunks) && readdirSync(chunks).some((name) => !named.has(name))
}

/** Kills the writer `kills` times; returns how many kills cut a backup short. */
async function killRepeatedly(mode: string, kills: number, windowMs: number): Promise<number> {
  let interruptedBackups = 0
  const dir = makeTempDir('mnc-crash-')
  try {
    expect(existsSync(writer), 'run `npm run build` first: the test kills the built writer').toBe(true)
    const acknowledged: { n: number; id: string }[] = []
    for (let kill = 0; kill < kills; kill++) {
      acknowledged.push(...(await runAndKill(dir.path, 5 + Math.floor(Math.random() * windowMs), mode)).acks)

      const file = join(dir.path, DATABASE_FILE_NAME)
      expectIntact(file, `after kill ${kill + 1}`)
      const db = openReadOnly(file)
      try {
        const notes = db.prepare<[id: string], string>('SELECT notes FROM consults WHERE id = ?').pluck()
        for (const ack of acknowledged) {
          expect(notes.get(ack.id), `save ${ack.n} after kill ${kill + 1}`).toBe(`save ${ack.n}`)
        }
      } finally {
        db.close()
      }
      // Every backup listed is whole: one cut short is never given a backup's name, and
      // every chunk a manifest names is there, intact, adding up to an intact database.
      const backups = backupsDir(file)
      if (cutShort(backups)) interruptedBackups++
      for (const { name } of listBackups(backups)) {
        const label = `${name} after kill ${kill + 1}`
        if (name.endsWith('.sqlite')) {
          expectIntact(join(backups, name), label)
          continue
        }
        const manifest = readManifest(join(backups, name))
        expect(manifest, label).toBeDefined()
        const whole = join(dir.path, 'reassembled.sqlite')
        assemble(backups, manifest!, whole)
        expectIntact(whole, label)
        rmSync(whole)
      }
      expect((await healthAfterRestart(dir.path)).problems, `checks at start after kill ${kill + 1}`).toEqual([])
    }
    expect(acknowledged.length).toBeGreaterThan(kills)
    return interruptedBackups
  } finally {
    dir.remove()
  }
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged save and an intact database through ${KILLS} SIGKILLs`,
    async () => {
      await killRepeatedly('saves', KILLS, 120)
    },
    60_000 + KILLS * 4_000
  )

  const MAINTENANCE_KILLS = Math.max(5, Math.round(KILLS / 4))
  it(
    `keeps them through ${MAINTENANCE_KILLS} SIGKILLs in the middle of backups and restores`,
    async () => {
      await killRepeatedly('maintenance', MAINTENANCE_KILLS, 1_500)
    },
    60_000 + MAINTENANCE_KILLS * 10_000
  )

  it(
    `keeps them, and every listed backup whole, through ${MAINTENANCE_KILLS} SIGKILLs in the middle of chunked backups`,
    async () => {
      expect(await killRepeatedly('backups', MAINTENANCE_KILLS, 600), 'kills that cut a backup short').toBeGreaterThan(
        0
      )
    },
    60_000 + MAINTENANCE_KILLS * 10_000
  )

  const dir = makeTempDir('mnc-crash-')
  afterAll(() => dir.remove())

  it('after a look-alike backup is refused and a good one restored, acknowledged patients survive a SIGKILL and a restart', async () => {
    const run = await runAndKill(dir.path, 0, 'failed-restore', 'idle')
    expect(run.lines[0]).toMatch(/^refused That backup cannot be restored: its tables, indexes or triggers differ/)
    expect(run.acks).toHaveLength(5)
    expectIntact(join(dir.path, DATABASE_FILE_NAME), 'after the kill')
    expect(
      readdirSync(backupsDir(join(dir.path, DATABASE_FILE_NAME))).filter((n) => /-(wal|shm)$|^\./.test(n))
    ).toEqual([])

    const service = startService({ dataDir: dir.path, info: { name: 'test', version: '0', mode: 'browser' } })
    try {
      const send = await unlockedCalls(service, 'Crash Writer')
      const patients = (await send('patients.search', { query: 'Patient' })) as { value: Patient[] }
      expect(patients.value.map((p) => p.id).sort()).toEqual(run.acks.map((a) => a.id).sort())
      expect(((await send('app.health', undefined)) as { value: Health }).value).toMatchObject({
        writable: true,
        problems: []
      })
      expect(await send('backups.create', undefined)).toMatchObject({ ok: true })
    } finally {
      service.close()
    }
  }, 120_000)
})
