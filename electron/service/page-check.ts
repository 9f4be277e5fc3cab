import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * A file up to this size is checked page by page before the service starts (SQLite's
 * quick_check reads every page: ~40 ms here); a larger one, which would hold the start for
 * seconds (a million consults is ~4 GB), is checked by a worker thread while the app runs.
 */
export const CHECK_AT_START_BYTES = 64 * 1024 * 1024

// The worker opens its own read-only connection: a check never blocks the app's calls.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding })
try {
  parentPort.postMessage(String(db.pragma('quick_check', { simple: true })))
} catch (error) {
  parentPort.postMessage(String(error))
} finally {
  db.close()
}`

export interface PageCheck {
  /** SQLite's verdict ("ok" when every page reads right), or null if stopped first. */
  readonly result: Promise<string | null>
  stop(): void
}

/** Reads every page of the database at `file` in a worker thread. */
export function checkPagesInBackground(file: string, nativeBinding: string | undefined): PageCheck {
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, { eval: true, workerData: { file, nativeBinding, module } })
  // A check still running never keeps the process alive.
  worker.unref()
  const result = new Promise<string | null>((resolve) => {
    worker.once('message', (verdict: string) => resolve(verdict))
    worker.once('error', (error) => resolve(String(error)))
    worker.once('exit', () => resolve(null))
  })
  return { result, stop: () => void worker.terminate() }
}
