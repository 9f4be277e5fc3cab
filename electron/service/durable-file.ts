import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { restrictToOwner } from '../../db/owner-only'

/** Syncs a file's bytes to disk and closes it. */
export function syncAndClose(fd: number): void {
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Writes `bytes` under `path` by way of a synced work file, so `path` is only ever whole. */
export function writeDurably(path: string, partial: string, bytes: Uint8Array): void {
  try {
    const fd = openSync(partial, 'w', 0o600)
    try {
      writeSync(fd, bytes)
    } finally {
      syncAndClose(fd)
    }
    restrictToOwner(partial)
    renameSync(partial, path)
  } finally {
    rmSync(partial, { force: true })
  }
}
