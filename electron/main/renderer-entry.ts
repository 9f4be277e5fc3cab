import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The URL the window loads: the dev server under `electron-vite dev`, the built file otherwise. */
export function rendererEntry(): string {
  const devServer = process.env['ELECTRON_RENDERER_URL']
  if (devServer) return devServer
  return pathToFileURL(join(__dirname, '../renderer/index.html')).href
}
