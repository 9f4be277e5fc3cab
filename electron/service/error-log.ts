import { join } from 'node:path'
import pino from 'pino'
import roll from 'pino-roll'

/** Where internal errors are written, beside the database. */
export const ERROR_LOG_FOLDER = 'logs'

export interface ErrorLog {
  /** Writes an unexpected error, with its stack, as one JSON line. */
  error(error: unknown, message?: string): void
  /** Writes what is pending and closes the file. */
  close(): Promise<void>
}

export interface ErrorLogLimits {
  /** A new file starts at this size. */
  readonly size: string
  /** Files kept besides the current one; older ones are deleted. */
  readonly keep: number
}

const LIMITS: ErrorLogLimits = { size: '1m', keep: 4 }

/**
 * The log of internal errors: `logs/errors.N.log` in `dataDir`, readable by its owner only,
 * rolled over by size. The user sees a friendly message; the stack goes here.
 */
export function createErrorLog(dataDir: string, limits: ErrorLogLimits = LIMITS): ErrorLog {
  const opened = roll({
    file: join(dataDir, ERROR_LOG_FOLDER, 'errors.log'),
    size: limits.size,
    limit: { count: limits.keep, removeOtherLogFiles: true },
    mkdir: true,
    mode: 0o600,
    // Errors are rare and the process may be about to die: write each one at once.
    sync: true
  }).catch((error: unknown) => {
    console.error('The error log cannot be written; errors go to the console instead.', error)
    return null
  })
  // pino-roll opens its file asynchronously; lines written before then wait for it, in order.
  const destination = {
    write: (line: string) => void opened.then((file) => (file ? file.write(line) : console.error(line)))
  }
  const logger = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination)

  return {
    error(error, message = 'internal error') {
      logger.error({ err: error instanceof Error ? error : new Error(String(error)) }, message)
    },
    async close() {
      const file = await opened
      if (!file) return
      await new Promise<void>((done) => {
        file.once('close', done)
        file.end()
      })
    }
  }
}
