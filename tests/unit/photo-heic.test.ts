import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareImage } from '../../electron/service/photo-image'

// The real conversion of tests/fixtures/photo.heic through the service is in photos.test.ts.
const heic = readFileSync(join(__dirname, '../fixtures/photo.heic'))

describe('HEIC import', () => {
  it('decodes a real HEIC file into an upright JPEG of its size', async () => {
    expect(await prepareImage(heic)).toMatchObject({ width: 320, height: 240 })
  })

  it('refuses a HEIC file that is cut short, with the usual message', async () => {
    await expect(prepareImage(heic.subarray(0, heic.length / 2))).rejects.toThrow(/not a JPEG, PNG, WebP or HEIC photo/)
  })
})
