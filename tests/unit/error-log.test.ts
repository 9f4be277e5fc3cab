import Database from 'better-sqlite3'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DATABASE_FILE_NAME } from '../../db/open'
import { createErrorLog, ERROR_LOG_FOLDER } from '../../electron/service/error-log'
import { makeTempDir } from '../support/temp-dir'
import { useTestService } from '../support/test-service'

const dir = makeTempDir()
afterEach(() => dir.remove())

const logFiles = (dataDir: string) => readdirSync(join(dataDir, ERROR_LOG_FOLDER)).sort()
const fileNumber = (name: string) => Number(/\.(\d+)\.log$/.exec(name)?.[1])
const readLog = (dataDir: string) =>
  logFiles(dataDir)
    .map((name) => readFileSync(join(dataDir, ERROR_LOG_FOLDER, name), 'utf8'))
    .join('')

describe('the error log', () => {
  it('writes an error with its stack as a JSON line in logs/, readable by its owner only', async () => {
    const log = createErrorLog(dir.path)
    log.error(new Error('disk on fire'))
    await log.close()

    const [name] = logFiles(dir.path)
    const line = JSON.parse(readLog(dir.path)) as { level: number; time: string; msg: string; err: { stack: string } }
    expect(line).toMatchObject({ level: 50, msg: 'internal error', err: { message: 'disk on fire' } })
    expect(line.err.stack).toMatch(/^Error: disk on fire\n\s+at /)
    expect(new Date(line.time).getTime()).not.toBeNaN()
    if (process.platform !== 'win32') {
      expect(statSync(join(dir.path, ERROR_LOG_FOLDER, name!)).mode & 0o777).toBe(0o600)
    }
  })

  it('starts a new file at the size limit and keeps only the newest', async () => {
    const log = createErrorLog(dir.path, { size: '1k', keep: 2 })
    const folder = join(dir.path, ERROR_LOG_FOLDER)
    const newest = () =>
      logFiles(dir.path)
        .sort((a, b) => fileNumber(a) - fileNumber(b))
        .at(-1)!
    for (let i = 0; i < 40; i++) {
      log.error(new Error(`failure ${i}`))
      // Rolling over happens between writes: the line is written, and a file it took past
      // the limit has been followed by a new one, before the next error comes.
      await vi.waitFor(
        () => {
          expect(readLog(dir.path)).toContain(`failure ${i}"`)
          expect(statSync(join(folder, newest())).size).toBeLessThan(1024)
        },
        { interval: 5 }
      )
    }
    await log.close()
    // Old files are deleted after each roll, without being waited for.
    await vi.waitFor(() => expect(logFiles(dir.path).length).toBeLessThanOrEqual(3))
    const files = logFiles(dir.path)
    expect(files.length).toBeGreaterThan(1)
    expect(files).not.toContain('errors.1.log')
    expect(readLog(dir.path)).toContain('failure 39')
    expect(readLog(dir.path)).not.toContain('failure 0"')
  })
})

describe('an internal error during a call', () => {
  const ts = useTestService()

  it('reaches the log with its stack while the caller sees only the friendly message', async () => {
    const raw = new Database(join(ts.dataDir, DATABASE_FILE_NAME))
    raw.exec('DROP TABLE audit_log')
    raw.close()

    const result = await ts.dispatch('audit.list', {})
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/^Something went wrong/) }
    })
    expect(JSON.stringify(result)).not.toMatch(/audit_log|no such table/)
    await vi.waitFor(() => expect(readLog(ts.dataDir)).toMatch(/no such table: audit_log.*\\n\s+at /))
  })
})
