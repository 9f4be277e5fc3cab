import { createHash, randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync
} from 'node:fs'
import { dirname, join } from 'node:path'

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** The photo folder beside the database: `photos/`, readable by its owner only. */
export const photosDir = (databasePath: string): string => join(dirname(databasePath), 'photos')

export const photoFile = (dir: string, hash: string): string => join(dir, `${hash}.jpg`)

function ownerOnly(path: string, mode: number): void {
  try {
    chmodSync(path, mode)
  } catch {
    // No POSIX permissions here (Windows): the user-data folder is per-user already.
  }
}

export function ensurePhotosDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  ownerOnly(dir, 0o700)
}

/**
 * Writes `bytes` as the file named by their hash, synced before it takes its name, so a
 * file with that name is always complete. A file already there is the same photo: kept.
 */
export function writePhotoFile(dir: string, hash: string, bytes: Uint8Array): void {
  ensurePhotosDir(dir)
  const path = photoFile(dir, hash)
  if (existsSync(path)) return
  const temp = join(dir, `.${hash}.${randomBytes(4).toString('hex')}.tmp`)
  const fd = openSync(temp, 'wx', 0o600)
  try {
    writeSync(fd, bytes)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  ownerOnly(temp, 0o600)
  renameSync(temp, path)
}

/** The stored bytes and whether they still match the name they were stored under. */
export function readPhotoFile(dir: string, hash: string): { bytes: Buffer; integrity: 'ok' | 'mismatch' } | null {
  const path = photoFile(dir, hash)
  if (!existsSync(path)) return null
  const bytes = readFileSync(path)
  return { bytes, integrity: sha256(bytes) === hash ? 'ok' : 'mismatch' }
}

export function removePhotoFile(dir: string, hash: string): void {
  rmSync(photoFile(dir, hash), { force: true })
}
