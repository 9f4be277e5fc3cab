import { readSettingsText, writeSettings } from '../../db/queries/settings'
import type { WritableDB } from '../../db/types'
import { clinicSettingsSchema, defaultSettings, type ClinicSettings, type SettingsState } from '../contract'

/**
 * The last settings read, by their stored text: every call checks the idle-lock minutes, and
 * parsing the settings (a logo included) each time cost more than many a call itself.
 */
let parsedLast: { readonly text: string; readonly state: SettingsState } | undefined

/** The clinic's settings; defaults where none were saved, or where what was saved no longer checks out. */
export function getSettings(db: WritableDB): SettingsState {
  const text = readSettingsText(db)
  if (text === undefined) return { settings: defaultSettings, saved: false }
  if (parsedLast?.text === text) return parsedLast.state
  const parsed = clinicSettingsSchema.safeParse(JSON.parse(text))
  const state = parsed.success ? { settings: parsed.data, saved: true } : { settings: defaultSettings, saved: false }
  parsedLast = { text, state }
  return state
}

export function saveSettings(db: WritableDB, settings: ClinicSettings): SettingsState {
  writeSettings(db, settings)
  return { settings, saved: true }
}
