import { readSettings, writeSettings } from '../../db/queries/settings'
import type { WritableDB } from '../../db/types'
import { clinicSettingsSchema, defaultSettings, type ClinicSettings, type SettingsState } from '../contract'

/** The clinic's settings; defaults where none were saved, or where what was saved no longer checks out. */
export function getSettings(db: WritableDB): SettingsState {
  const stored = readSettings(db)
  if (stored === undefined) return { settings: defaultSettings, saved: false }
  const parsed = clinicSettingsSchema.safeParse(stored)
  return parsed.success ? { settings: parsed.data, saved: true } : { settings: defaultSettings, saved: false }
}

export function saveSettings(db: WritableDB, settings: ClinicSettings): SettingsState {
  writeSettings(db, settings)
  return { settings, saved: true }
}
