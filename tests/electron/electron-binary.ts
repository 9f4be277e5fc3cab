import { existsSync } from 'node:fs'

/** The Electron executable when npm downloaded it, otherwise undefined. */
export function electronBinary(): string | undefined {
  try {
    const path = require('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}
