import { chmodSync, mkdirSync } from 'node:fs'

/** Makes a file the app wrote readable and writable by its owner only (0600). */
export function restrictToOwner(path: string): void {
  try {
    chmodSync(path, 0o600)
  } catch {
    // Some file systems (and Windows) have no POSIX permissions; the folder is per-user there.
  }
}

/** Makes a folder (if missing) and closes it to everyone but its owner (0700), even if it was there already. */
export function ownerOnlyFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    chmodSync(dir, 0o700)
  } catch {
    // As above: no POSIX permissions here.
  }
}
