import exifr from 'exifr'
import { describe, expect, it } from 'vitest'
import { exifTakenAt } from '../../electron/service/photo-taken-at'

const DATE_TIME_ORIGINAL = 0x9003
const CREATE_DATE = 0x9004
const OFFSET_TIME_ORIGINAL = 0x9011
const OFFSET_TIME_DIGITIZED = 0x9012

/** A TIFF block as cameras write it: IFD0 pointing at an Exif IFD with these ASCII tags, in either byte order. */
function tiff(order: 'II' | 'MM', tags: readonly (readonly [tag: number, text: string])[]): Buffer {
  const little = order === 'II'
  const exifAt = 8 + 2 + 12 + 4
  let textAt = exifAt + 2 + tags.length * 12 + 4
  const bytes = Buffer.alloc(textAt + tags.reduce((sum, [, text]) => sum + text.length + 1, 0))
  const u16 = (at: number, value: number) => (little ? bytes.writeUInt16LE(value, at) : bytes.writeUInt16BE(value, at))
  const u32 = (at: number, value: number) => (little ? bytes.writeUInt32LE(value, at) : bytes.writeUInt32BE(value, at))
  bytes.write(order, 0, 'latin1')
  u16(2, 42)
  u32(4, 8)
  u16(8, 1)
  u16(10, 0x8769)
  u16(12, 4)
  u32(14, 1)
  u32(18, exifAt)
  u16(exifAt, tags.length)
  for (const [i, [tag, text]] of tags.entries()) {
    const at = exifAt + 2 + i * 12
    u16(at, tag)
    u16(at + 2, 2)
    u32(at + 4, text.length + 1)
    u32(at + 8, textAt)
    bytes.write(text, textAt, 'latin1')
    textAt += text.length + 1
  }
  return bytes
}

const now = new Date('2026-12-01T12:00:00.000Z')

describe('the time a photo says it was taken', () => {
  it('reads DateTimeOriginal at its offset, in either byte order, with or without the Exif header', async () => {
    for (const order of ['II', 'MM'] as const) {
      const block = tiff(order, [
        [DATE_TIME_ORIGINAL, '2025:07:14 09:30:15'],
        [OFFSET_TIME_ORIGINAL, '+02:00']
      ])
      // The same tags as a well-known reader finds them.
      expect(
        await exifr.parse(block, { pick: ['DateTimeOriginal', 'OffsetTimeOriginal'], reviveValues: false })
      ).toEqual({ DateTimeOriginal: '2025:07:14 09:30:15', OffsetTimeOriginal: '+02:00' })
      expect(exifTakenAt(block, now)).toBe('2025-07-14T07:30:15.000Z')
      expect(exifTakenAt(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), block]), now)).toBe(
        '2025-07-14T07:30:15.000Z'
      )
    }
  })

  it('falls back to CreateDate with its own offset, and reads a time without offset on this computer’s clock', () => {
    expect(
      exifTakenAt(
        tiff('II', [
          [CREATE_DATE, '2025:01:02 03:04:05'],
          [OFFSET_TIME_DIGITIZED, '-05:00']
        ]),
        now
      )
    ).toBe('2025-01-02T08:04:05.000Z')
    expect(exifTakenAt(tiff('MM', [[DATE_TIME_ORIGINAL, '2025:01:02 03:04:05']]), now)).toBe(
      new Date(2025, 0, 2, 3, 4, 5).toISOString()
    )
  })

  it('gives nothing for an impossible or future date, no date, or a damaged block', () => {
    for (const date of ['2025:02:30 10:00:00', '0000:00:00 00:00:00', '2025:07:14 24:00:00', '2026:12:03 12:00:00']) {
      expect(exifTakenAt(tiff('II', [[DATE_TIME_ORIGINAL, date]]), now), date).toBeNull()
    }
    const whole = tiff('II', [[DATE_TIME_ORIGINAL, '2025:07:14 09:30:15']])
    expect(exifTakenAt(tiff('II', []), now)).toBeNull()
    expect(exifTakenAt(undefined, now)).toBeNull()
    for (let length = 0; length < whole.length - 1; length += 3) {
      expect(exifTakenAt(whole.subarray(0, length), now)).toBeNull()
    }
    expect(exifTakenAt(Buffer.from('II not a tiff at all', 'latin1'), now)).toBeNull()
  })
})
