import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ownerOnlyFolder } from '../../db/owner-only'
import { writeDurably } from './durable-file'

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** The photo folder beside the database: `photos/`, readable by its owner only. */
export const photosDir = (databasePath: string): string => join(dirname(databasePath), 'photos')

export const photoFile = (dir: string, hash: string): string => join(dir, `${hash}.jpg`)

const ensurePhotosDir = (dir: string): void => ownerOnlyFolder(dir)

/**
 * Writes `bytes` as the file named by their hash, synced before it takes its name, so a file
 * with that name is always complete; one already there (cut short, or damaged) is replaced.
 */
export function replacePhotoFile(dir: string, hash: string, bytes: Uint8Array): void {
  ensurePhotosDir(dir)
  writeDurably(photoFile(dir, hash), join(dir, `.${hash}.${randomBytes(4).toString('hex')}.tmp`), bytes)
}

/** Writes `bytes` as the file named by their hash (see `replacePhotoFile`). A file already there is the same photo: kept. */
export function writePhotoFile(dir: string, hash: string, bytes: Uint8Array): void {
  if (!existsSync(photoFile(dir, hash))) replacePhotoFile(dir, hash, bytes)
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
