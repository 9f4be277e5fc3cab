import { app } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * In development, better-sqlite3's copy built for Electron lives apart from the Node build
 * that tests use (see scripts/native-runtime.mjs), so both can coexist. A packaged app
 * carries only an Electron build, rebuilt by electron-builder.
 */
export function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined
  const path = join(
    app.getAppPath(),
    '.native',
    `electron-${process.versions.electron}`,
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node'
  )
  return existsSync(path) ? path : undefined
}
