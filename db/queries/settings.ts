import type { ClinicSettings } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

const prepared = preparedStatements((db) => ({
  get: db.prepare('SELECT data FROM clinic_settings WHERE id = 1'),
  save: db.prepare(`
    INSERT INTO clinic_settings (id, data, updated_at) VALUES (1, @data, @updated_at)
    ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`)
}))

/** The stored settings as saved (to be checked against the current schema), or undefined. */
export function readSettings(db: ReadableDB): unknown {
  const row = prepared(db).get.get() as { data: string } | undefined
  return row ? (JSON.parse(row.data) as unknown) : undefined
}

export function writeSettings(db: WritableDB, settings: ClinicSettings, now = new Date()): void {
  prepared(db).save.run({ data: JSON.stringify(settings), updated_at: now.toISOString() })
}
