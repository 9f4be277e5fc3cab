import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
/** What the build reads, and what the unit tests that run the built app need from it. */
const sources = ['electron', 'db', 'renderer', 'content', 'scripts', 'electron.vite.config.ts', 'package.json']
const outputs = ['out/main/index.js', 'out/main/web.js', 'out/main/crash-writer.js', 'out/renderer/index.html']

function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs)
}

/**
 * vitest's global setup: builds the app (`electron-vite build`) when `out/` is missing or
 * older than the code, so `npm run test:unit` works on a fresh clone. `npm test` builds
 * first, and then this does nothing.
 */
export default function setup(): void {
  const built = outputs.map((file) => join(root, file))
  const stale =
    !built.every((file) => existsSync(file)) ||
    Math.min(...built.map((file) => statSync(file).mtimeMs)) < Math.max(...sources.map((p) => newest(join(root, p))))
  if (!stale) return
  console.log('Building the app for the tests that run it (electron-vite build)…')
  const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    encoding: 'utf8'
  })
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`)
}
