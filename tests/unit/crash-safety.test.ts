import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE_NAME } from '../../db/open'
import { makeTempDir } from '../support/temp-dir'

const root = resolve(__dirname, '../..')
const writer = join(root, 'out/main/crash-writer.js')
const KILLS = Number(process.env['CRASH_KILLS'] ?? 50)

/** Starts the writer, lets it save for a random while, kills it with SIGKILL, and returns its acks. */
function runAndKill(dataDir: string, killAfterMs: number): Promise<{ n: number; id: string }[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let timer: ReturnType<typeof setTimeout> | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      // Time the kill from the first save, so every run kills in the middle of writing.
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL') return fail(new Error(`writer exited by itself (${code}): ${err}`))
      const acks = out
        .split('\n')
        .filter((line) => line.startsWith('ack '))
        .map((line) => {
          const [, n, id] = line.split(' ')
          return { n: Number(n), id: id! }
        })
      done(acks)
    })
  })
}

describe('crash safety', () => {
  const dir = makeTempDir('mnc-crash-')
  afterAll(() => dir.remove())

  it(`keeps every acknowledged save and an intact database through ${KILLS} SIGKILLs`, async () => {
    expect(existsSync(writer), 'run `npm run build` first: the test kills the built writer').toBe(true)
    const acknowledged: { n: number; id: string }[] = []
    for (let kill = 0; kill < KILLS; kill++) {
      acknowledged.push(...(await runAndKill(dir.path, 5 + Math.floor(Math.random() * 120))))

      const db = new Database(join(dir.path, DATABASE_FILE_NAME), { readonly: true })
      try {
        expect(db.pragma('integrity_check', { simple: true }), `after kill ${kill + 1}`).toBe('ok')
        const notes = db.prepare('SELECT notes FROM consults WHERE id = ?')
        for (const ack of acknowledged) {
          expect((notes.get(ack.id) as { notes: string } | undefined)?.notes, `save ${ack.n} after kill ${kill + 1}`).toBe(
            `save ${ack.n}`
          )
        }
      } finally {
        db.close()
      }
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS)
  }, 60_000 + KILLS * 2_000)
})
