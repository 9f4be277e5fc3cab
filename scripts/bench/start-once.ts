// One start, in a process of its own, for the benchmark's start-up row: prints the
// milliseconds it took, measured inside this process (Node's own start is not counted).
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DATABASE_FILE_NAME } from '../../db/open'
import { startService } from '../../electron/service'

const { values } = parseArgs({ options: { data: { type: 'string' }, mode: { type: 'string' } } })
const dataDir = values.data!
const started = performance.now()
if (values.mode === 'service') {
  const service = startService({ dataDir, info: { name: 'bench', version: '0', mode: 'browser' } })
  const took = performance.now() - started
  service.close()
  process.stdout.write(String(took))
} else {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  const took = performance.now() - started
  db.close()
  process.stdout.write(String(took))
}
// The service's checks after start are not waited for: they would run while the app works.
process.exit(0)
