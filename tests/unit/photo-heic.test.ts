import exifr from 'exifr'
import sharp from 'sharp'
import { describe, expect, it, vi } from 'vitest'
import { prepareImage } from '../../electron/service/photo-image'

// No HEVC encoder is available to make a real HEIC here, so the converter is stood in for:
// this proves the wiring (HEIC recognised by its ftyp brand, converted, then re-encoded
// without metadata), not libheif's decoding.
const convert = vi.hoisted(() => vi.fn())
vi.mock('heic-convert', () => ({ default: convert }))

const heicHeader = (brand: string) =>
  Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(64)])

describe('HEIC import', () => {
  it('sends a HEIC file through the converter and stores the result without its metadata', async () => {
    const converted = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#a07050' } })
      .withExif({
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' }
      })
      .jpeg()
      .toBuffer()
    convert.mockResolvedValue(converted)
    const stored = await prepareImage(heicHeader('heic'))
    expect(convert).toHaveBeenCalledWith(expect.objectContaining({ format: 'JPEG' }))
    expect(stored).toMatchObject({ width: 120, height: 90 })
    expect(await exifr.gps(stored.jpeg)).toBeUndefined()
  })

  it('refuses a HEIC file the converter cannot read, with the usual message', async () => {
    convert.mockRejectedValue(new Error('bad HEIF'))
    await expect(prepareImage(heicHeader('mif1'))).rejects.toThrow(/not a JPEG, PNG, WebP or HEIC photo/)
  })
})
