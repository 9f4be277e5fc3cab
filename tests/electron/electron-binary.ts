import { existsSync } from 'node:fs'

/** The Electron executable when npm downloaded it, otherwise undefined. */
export function electronBinary(): string | undefined {
  try {
    // The electron package's main export is its binary's path; Playwright loads tests as CommonJS.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}
