import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DATABASE_FILE_NAME, openDatabase } from '../db/open'
import { seed } from './seed-data'

function main(): void {
  const { values } = parseArgs({
    options: {
      consults: { type: 'string', default: '1000' },
      data: { type: 'string', default: '.web-data' },
      seed: { type: 'string', default: '42' }
    }
  })
  const count = Number(values.consults)
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) {
    console.error(`--consults must be a whole number from 1 to 10,000,000, not "${values.consults}".`)
    process.exit(1)
  }
  const file = join(resolve(values.data), DATABASE_FILE_NAME)
  const db = openDatabase(file)
  const started = performance.now()
  const result = seed(db, count, Number(values.seed))
  db.close()
  console.log(
    `Seeded ${result.consults} consults for ${result.patients} patients into ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s.`
  )
}

main()
