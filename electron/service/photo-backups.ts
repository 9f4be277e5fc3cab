import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { photoHashes } from '../../db/queries/photos'
import type { ReadableDB } from '../../db/types'
import { ensurePhotosDir, photoFile, photosDir, readPhotoFile } from './photo-files'

/** Photo files are never changed, so every backup shares one folder of them: `backups/photos/`. */
export const backupPhotosDir = (backupsDir: string): string => join(backupsDir, 'photos')

/** Copies `from`'s file of each photo into `to` unless `to` already holds it intact; returns how many were copied. */
function copyPhotos(hashes: readonly string[], from: string, to: string): number {
  let copied = 0
  for (const hash of hashes) {
    if (readPhotoFile(to, hash)?.integrity === 'ok') continue
    if (readPhotoFile(from, hash)?.integrity !== 'ok') continue
    ensurePhotosDir(to)
    copyFileSync(photoFile(from, hash), photoFile(to, hash))
    copied++
  }
  return copied
}

/** Adds to the backups' photo folder the photos it does not have yet; returns how many it copied. */
export const backUpPhotos = (db: ReadableDB, databasePath: string, backupsDir: string): number =>
  copyPhotos(photoHashes(db), photosDir(databasePath), backupPhotosDir(backupsDir))

/**
 * After a restore: puts back, from the backups' photo folder, every photo the restored
 * database names that is missing or damaged in the photo folder. Returns those still missing.
 */
export function restorePhotos(db: ReadableDB, databasePath: string, backupsDir: string): string[] {
  const hashes = photoHashes(db)
  const live = photosDir(databasePath)
  copyPhotos(hashes, backupPhotosDir(backupsDir), live)
  return hashes.filter((hash) => !existsSync(photoFile(live, hash)))
}
