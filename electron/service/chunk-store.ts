import { createHash, randomUUID } from 'node:crypto'
import { existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { ownerOnlyFolder } from '../../db/owner-only'
import { syncAndClose, writeDurably } from './durable-file'

/**
 * A backup as a list of fixed-size pieces of the database file, each stored once in
 * `backups/chunks/` under the SHA-256 of its bytes. A backup of a database that changed in
 * a few places writes only the pieces that changed, and a small manifest naming them all.
 */
export interface Manifest {
  readonly format: 'microneedling-consult-chunked-backup'
  readonly bytes: number
  /** SHA-256 of the whole database file the chunks add up to. */
  readonly sha256: string
  /** The database's `user_version`; null for a damaged file saved as it was. */
  readonly schemaVersion: number | null
  readonly chunkBytes: number
  readonly chunks: readonly string[]
}

/** 1 MiB: at a million consults a working day's changes touch a few dozen of them (see README). */
export const CHUNK_BYTES = 1024 * 1024

const HASH = /^[0-9a-f]{64}$/
const PARTIAL = '.partial-'

export const chunksDir = (backupsDir: string): string => join(backupsDir, 'chunks')
const chunkFile = (backupsDir: string, hash: string): string => join(chunksDir(backupsDir), hash)

/** Stores a chunk unless a file of its hash and size is there already; returns the bytes written. */
function storeChunk(backupsDir: string, hash: string, bytes: Uint8Array): number {
  const path = chunkFile(backupsDir, hash)
  if (existsSync(path) && statSync(path).size === bytes.length) return 0
  writeDurably(path, join(chunksDir(backupsDir), `${PARTIAL}${randomUUID()}`), bytes)
  return bytes.length
}

export interface Chunked {
  readonly manifest: Manifest
  /** Bytes of new chunks this backup wrote (0 when every chunk was stored already). */
  readonly written: number
}

/**
 * Reads `file` (which must not change meanwhile) in chunks, stores the chunks not stored
 * yet, and returns the manifest that reassembles it. Reads asynchronously, so the app
 * keeps answering while gigabytes are read.
 */
export async function chunkFileInto(
  backupsDir: string,
  file: string,
  schemaVersion: number | null,
  chunkBytes = CHUNK_BYTES
): Promise<Chunked> {
  ownerOnlyFolder(chunksDir(backupsDir))
  const whole = createHash('sha256')
  const chunks: string[] = []
  const buffer = Buffer.alloc(chunkBytes)
  let bytes = 0
  let written = 0
  const handle = await open(file, 'r')
  try {
    for (;;) {
      let filled = 0
      while (filled < chunkBytes) {
        const { bytesRead } = await handle.read(buffer, filled, chunkBytes - filled, bytes + filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      if (filled === 0) break
      const chunk = buffer.subarray(0, filled)
      const hash = createHash('sha256').update(chunk).digest('hex')
      whole.update(chunk)
      written += storeChunk(backupsDir, hash, chunk)
      chunks.push(hash)
      bytes += filled
      if (filled < chunkBytes) break
    }
  } finally {
    await handle.close()
  }
  const manifest: Manifest = {
    format: 'microneedling-consult-chunked-backup',
    bytes,
    sha256: whole.digest('hex'),
    schemaVersion,
    chunkBytes,
    chunks
  }
  return { manifest, written }
}

/** The manifest in `path`, or undefined if it is not one (unreadable, cut short, foreign). */
export function readManifest(path: string): Manifest | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>
    const sound =
      value.format === 'microneedling-consult-chunked-backup' &&
      Number.isSafeInteger(value.bytes) &&
      Number.isSafeInteger(value.chunkBytes) &&
      typeof value.sha256 === 'string' &&
      HASH.test(value.sha256) &&
      Array.isArray(value.chunks) &&
      value.chunks.every((c) => typeof c === 'string' && HASH.test(c))
    return sound ? (value as Manifest) : undefined
  } catch {
    return undefined
  }
}

/** Bytes a set of manifests takes on disk: their chunks counted once each. */
export function storedBytes(manifests: readonly Manifest[]): number {
  const sizes = new Map<string, number>()
  for (const m of manifests) {
    m.chunks.forEach((hash, i) =>
      sizes.set(hash, i < m.chunks.length - 1 ? m.chunkBytes : m.bytes - m.chunkBytes * (m.chunks.length - 1))
    )
  }
  return [...sizes.values()].reduce((sum, n) => sum + n, 0)
}

/** Deletes every chunk (and chunk work file) that no manifest in `keep` names. */
export function removeUnreferencedChunks(backupsDir: string, keep: readonly Manifest[]): void {
  const dir = chunksDir(backupsDir)
  if (!existsSync(dir)) return
  const referenced = new Set(keep.flatMap((m) => m.chunks))
  for (const name of readdirSync(dir)) if (!referenced.has(name)) rmSync(join(dir, name), { force: true })
}

/** Why a manifest cannot be reassembled. */
export class DamagedBackupError extends Error {}

/**
 * Writes the database a manifest describes to `destination`, checking every chunk's hash
 * and then the whole file's; throws `DamagedBackupError` saying what is missing or damaged.
 */
export function assemble(backupsDir: string, manifest: Manifest, destination: string): void {
  const whole = createHash('sha256')
  const out = openSync(destination, 'w', 0o600)
  try {
    manifest.chunks.forEach((hash, i) => {
      const path = chunkFile(backupsDir, hash)
      if (!existsSync(path)) throw new DamagedBackupError(`part ${i + 1} of ${manifest.chunks.length} is missing.`)
      const bytes = readFileSync(path)
      if (createHash('sha256').update(bytes).digest('hex') !== hash) {
        throw new DamagedBackupError(`part ${i + 1} of ${manifest.chunks.length} is damaged.`)
      }
      whole.update(bytes)
      writeSync(out, bytes)
    })
  } finally {
    syncAndClose(out)
  }
  if (statSync(destination).size !== manifest.bytes || whole.digest('hex') !== manifest.sha256) {
    throw new DamagedBackupError('its parts do not add up to the database it recorded.')
  }
}

/** Writes a manifest under `path`, synced, by way of a work file. */
export const writeManifest = (path: string, partial: string, manifest: Manifest): void =>
  writeDurably(path, partial, Buffer.from(JSON.stringify(manifest)))

/** Removes chunk work files a crash left behind. */
export function removeChunkWorkFiles(backupsDir: string): void {
  const dir = chunksDir(backupsDir)
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) if (name.startsWith(PARTIAL)) rmSync(join(dir, name), { force: true })
}
