import { statSync } from 'node:fs'
import { join } from 'node:path'
import { photoFileSizes, photoHashes } from '../../db/queries/photos'
import type { ReadableDB } from '../../db/types'
import { photoFile, photosDir, readPhotoFile, replacePhotoFile } from './photo-files'

/** Photo files are never changed, so every backup shares one folder of them: `backups/photos/`. */
export const backupPhotosDir = (backupsDir: string): string => join(backupsDir, 'photos')

const sizeOf = (path: string): number | undefined => statSync(path, { throwIfNoEntry: false })?.size

/**
 * Adds to the backups' photo folder the photo files it does not hold yet; returns how many it
 * copied. A photo file never changes and is named by its hash, so one already there at its
 * size is not read again: only a new copy (or one cut short) is read, checked against its hash
 * (a damaged file here is not copied) and written under a temporary name, synced, then renamed.
 */
export function backUpPhotos(db: ReadableDB, databasePath: string, backupsDir: string): number {
  const live = photosDir(databasePath)
  const backups = backupPhotosDir(backupsDir)
  let copied = 0
  for (const { sha256, bytes } of photoFileSizes(db)) {
    if (sizeOf(photoFile(backups, sha256)) === bytes) continue
    const file = readPhotoFile(live, sha256)
    if (file?.integrity !== 'ok') continue
    replacePhotoFile(backups, sha256, file.bytes)
    copied++
  }
  return copied
}

/**
 * After a restore: checks by hash each photo file the restored database names, and puts back
 * from the backups' photo folder (its copy checked by hash too) every one that is missing or
 * damaged. Returns those still missing or damaged: no backup holds them whole.
 */
export function restorePhotos(db: ReadableDB, databasePath: string, backupsDir: string): string[] {
  const live = photosDir(databasePath)
  const backups = backupPhotosDir(backupsDir)
  return photoHashes(db).filter((hash) => {
    if (readPhotoFile(live, hash)?.integrity === 'ok') return false
    const copy = readPhotoFile(backups, hash)
    if (copy?.integrity !== 'ok') return true
    replacePhotoFile(live, hash, copy.bytes)
    return false
  })
}
