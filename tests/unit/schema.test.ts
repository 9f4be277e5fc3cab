import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { schemaVersion } from '../../db/migrate'
import { openDatabase } from '../../db/open'
import { makeTempDir } from '../support/temp-dir'

const dir = makeTempDir()
afterEach(() => dir.remove())

interface SchemaEntry {
  readonly type: string
  readonly name: string
  readonly sql: string | null
}

/**
 * Fails on any schema change the snapshot did not plan for. After adding a migration,
 * look at the change and accept it with `npm run test:schema -- -u`, then commit
 * tests/unit/__snapshots__/schema.sql with the migration.
 */
it('the schema after every migration is the committed snapshot', async () => {
  const db = openDatabase(join(dir.path, 'consults.sqlite'))
  const entries = db.prepare<[], SchemaEntry>('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all()
  const snapshot = [
    `-- user_version ${schemaVersion(db)}`,
    ...entries.map(({ type, name, sql }) => `-- ${type} ${name}\n${sql === null ? '-- (made by SQLite)' : `${sql};`}`)
  ].join('\n\n')
  db.close()
  await expect(`${snapshot}\n`).toMatchFileSnapshot(
    '__snapshots__/schema.sql',
    'The schema changed. If a new migration meant it to, accept it with `npm run test:schema -- -u`.'
  )
})
