// When a photo says it was taken, read from its EXIF (the raw TIFF block sharp hands over)
// before the metadata is stripped. Only two IFDs are read, with every offset bounds-checked by
// Buffer's reads, so a damaged or hostile block gives null, never an error or a loop.

const ASCII = 2
const EXIF_IFD = 0x8769
const DATE_TIME_ORIGINAL = 0x9003
const CREATE_DATE = 0x9004
const OFFSET_TIME_ORIGINAL = 0x9011
const OFFSET_TIME_DIGITIZED = 0x9012

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
const OFFSET = /^([+-])(\d{2}):(\d{2})$/
const DAY_MS = 86_400_000

interface Tiff {
  readonly bytes: Buffer
  readonly u16: (at: number) => number
  readonly u32: (at: number) => number
}

/** The tags of the IFD at `offset`: each one's value, as text for ASCII tags and as a number for the rest. */
function readIfd({ bytes, u16, u32 }: Tiff, offset: number): Map<number, string | number> {
  const tags = new Map<number, string | number>()
  const count = u16(offset)
  for (let i = 0; i < count; i++) {
    const at = offset + 2 + i * 12
    const type = u16(at + 2)
    const length = u32(at + 4)
    if (type !== ASCII) tags.set(u16(at), u32(at + 8))
    else {
      // ASCII of up to four bytes sits in the entry itself; longer text is at the offset there.
      const start = length > 4 ? u32(at + 8) : at + 8
      if (start + length > bytes.length) continue
      tags.set(u16(at), bytes.toString('latin1', start, start + length).replace(/\0[\s\S]*$/, ''))
    }
  }
  return tags
}

/** The moment an EXIF date and time name: at its offset if the camera wrote one, else on this computer's clock. */
function instant(date: string | number | undefined, offset: string | number | undefined): Date | null {
  const parts = typeof date === 'string' ? EXIF_DATE.exec(date.trim()) : null
  if (!parts) return null
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number
  ]
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  const real =
    wall.getUTCFullYear() === year &&
    wall.getUTCMonth() === month - 1 &&
    wall.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  if (!real) return null
  const zone = typeof offset === 'string' ? OFFSET.exec(offset.trim()) : null
  if (!zone) return new Date(year, month - 1, day, hour, minute, second)
  const minutes = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]))
  return new Date(wall.getTime() - minutes * 60_000)
}

/**
 * When the photo was taken by its own account: EXIF DateTimeOriginal, or else CreateDate, with
 * the offset the camera wrote beside it; without one, read as this computer's local time (a
 * camera's clock shows the time where it is). Null when the block says nothing usable: no
 * date, an impossible one, or one more than a day ahead of `now`.
 */
export function exifTakenAt(exif: Buffer | undefined, now = new Date()): string | null {
  if (!exif) return null
  const bytes = exif.toString('latin1', 0, 6) === 'Exif\0\0' ? exif.subarray(6) : exif
  try {
    const order = bytes.toString('latin1', 0, 2)
    if (order !== 'II' && order !== 'MM') return null
    const little = order === 'II'
    const tiff: Tiff = {
      bytes,
      u16: (at) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at)),
      u32: (at) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at))
    }
    if (tiff.u16(2) !== 42) return null
    const exifIfd = readIfd(tiff, tiff.u32(4)).get(EXIF_IFD)
    if (typeof exifIfd !== 'number') return null
    const tags = readIfd(tiff, exifIfd)
    const taken =
      instant(tags.get(DATE_TIME_ORIGINAL), tags.get(OFFSET_TIME_ORIGINAL)) ??
      instant(tags.get(CREATE_DATE), tags.get(OFFSET_TIME_DIGITIZED))
    return taken && taken.getTime() <= now.getTime() + DAY_MS ? taken.toISOString() : null
  } catch {
    // A read past the end of the block: it is damaged.
    return null
  }
}
