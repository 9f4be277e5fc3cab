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
    for (let i = 0; i < 40; i++) {
      log.error(new Error(`failure ${i}`))
      // Rolling over happens between writes; give it its turn.
      await new Promise((done) => setTimeout(done, 5))
    }
    await log.close()
    const files = logFiles(dir.path)
    expect(files.length).toBeGreaterThan(1)
    expect(files.length).toBeLessThanOrEqual(3)
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
