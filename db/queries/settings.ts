import type { ClinicSettings } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

const prepared = preparedStatements((db) => ({
  get: db.prepare<[], string>('SELECT data FROM clinic_settings WHERE id = 1').pluck(),
  save: db.prepare<{ data: string; updated_at: string }>(`
    INSERT INTO clinic_settings (id, data, updated_at) VALUES (1, @data, @updated_at)
    ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`)
}))

/** The stored settings as saved, as JSON text (to be parsed and checked against the current schema), or undefined. */
export const readSettingsText = (db: ReadableDB): string | undefined => prepared(db).get.get()

export function writeSettings(db: WritableDB, settings: ClinicSettings, now = new Date()): void {
  prepared(db).save.run({ data: JSON.stringify(settings), updated_at: now.toISOString() })
}
