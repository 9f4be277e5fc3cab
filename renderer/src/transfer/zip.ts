/**
 * A minimal ZIP (stored, not compressed: photos are JPEG already) for the export with
 * photos. It writes and reads only what it writes: no compression, no ZIP64 (under 4 GB).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

export interface ZipEntry {
  readonly name: string
  readonly data: Uint8Array
}

const UTF8 = 0x0800

export function writeZip(entries: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  const names = entries.map((e) => new TextEncoder().encode(e.name))
  const crcs = entries.map((e) => crc32(e.data))
  const localSize = entries.reduce((n, e, i) => n + 30 + names[i]!.length + e.data.length, 0)
  const centralSize = names.reduce((n, name) => n + 46 + name.length, 0)
  const out = new Uint8Array(localSize + centralSize + 22)
  const view = new DataView(out.buffer)
  let at = 0
  const offsets: number[] = []
  entries.forEach((entry, i) => {
    offsets.push(at)
    view.setUint32(at, 0x04034b50, true)
    view.setUint16(at + 4, 20, true)
    view.setUint16(at + 6, UTF8, true)
    view.setUint32(at + 14, crcs[i]!, true)
    view.setUint32(at + 18, entry.data.length, true)
    view.setUint32(at + 22, entry.data.length, true)
    view.setUint16(at + 26, names[i]!.length, true)
    out.set(names[i]!, at + 30)
    out.set(entry.data, at + 30 + names[i]!.length)
    at += 30 + names[i]!.length + entry.data.length
  })
  const centralStart = at
  entries.forEach((entry, i) => {
    view.setUint32(at, 0x02014b50, true)
    view.setUint16(at + 4, 20, true)
    view.setUint16(at + 6, 20, true)
    view.setUint16(at + 8, UTF8, true)
    view.setUint32(at + 16, crcs[i]!, true)
    view.setUint32(at + 20, entry.data.length, true)
    view.setUint32(at + 24, entry.data.length, true)
    view.setUint16(at + 28, names[i]!.length, true)
    view.setUint32(at + 42, offsets[i]!, true)
    out.set(names[i]!, at + 46)
    at += 46 + names[i]!.length
  })
  view.setUint32(at, 0x06054b50, true)
  view.setUint16(at + 8, entries.length, true)
  view.setUint16(at + 10, entries.length, true)
  view.setUint32(at + 12, at - centralStart, true)
  view.setUint32(at + 16, centralStart, true)
  return out
}

const notOurs = () => new Error('That zip file is not a Microneedling Consult export.')

/** The entries of a ZIP this module wrote, by name; checks each entry's CRC. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = bytes.length - 22
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--
  if (end < 0) throw notOurs()
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const entries = new Map<string, Uint8Array>()
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw notOurs()
    if (view.getUint16(at + 10, true) !== 0) throw notOurs()
    const crc = view.getUint32(at + 16, true)
    const size = view.getUint32(at + 20, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const local = view.getUint32(at + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    if (local + 30 > bytes.length) throw notOurs()
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const data = bytes.subarray(start, start + size)
    if (data.length !== size || crc32(data) !== crc)
      throw new Error(`The export is damaged: “${name}” does not match its checksum.`)
    entries.set(name, data)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
