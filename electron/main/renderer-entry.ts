import { APP_ENTRY } from './app-files'

/** The URL the window loads: the dev server under `electron-vite dev`, the app:// page otherwise. */
export function rendererEntry(): string {
  return process.env['ELECTRON_RENDERER_URL'] || APP_ENTRY
}
