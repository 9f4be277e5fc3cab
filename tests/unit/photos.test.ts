import Database from 'better-sqlite3'
import exifr from 'exifr'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  PHOTO_CHUNK_CHARS,
  type Amendment,
  type BackupInfo,
  type ConsultRecord,
  type Consult,
  type ExportPage,
  type ExportedPhoto,
  type ImportResult,
  type RestoreResult,
  type Patient,
  type PhotoImage,
  type PhotoSummary
} from '../../electron/contract'
import { TestService, useTestService } from '../support/test-service'

const ts = useTestService()
vi.setConfig({ testTimeout: 30_000 })

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')
const photosFolder = () => join(ts.dataDir, 'photos')

async function consultFor(name = 'Ada Lovelace'): Promise<Consult> {
  const patient = await ts.call<Patient>('patients.create', { fullName: name })
  return ts.call<Consult>('consults.create', { patientId: patient.id })
}

const consentToPhotos = (consultId: string, clinicalRecord = true) => ts.consentToPhotos(consultId, clinicalRecord)

/** A JPEG carrying a camera make and GPS position, as a phone would write it. */
const jpegWithGps = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: '#c08060' } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Artist: 'Ada Lovelace' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' }
    })
    .jpeg()
    .toBuffer()

async function upload(bytes: Buffer, service: TestService = ts): Promise<string> {
  const uploadId = crypto.randomUUID()
  const data = bytes.toString('base64')
  for (let i = 0, index = 0; i < data.length; i += PHOTO_CHUNK_CHARS, index++) {
    await service.call('photos.upload', { uploadId, index, data: data.slice(i, i + PHOTO_CHUNK_CHARS) })
  }
  return uploadId
}

async function importResult(consultId: string, bytes: Buffer, extra: Record<string, unknown> = {}) {
  return ts.dispatch('photos.import', {
    uploadId: await upload(bytes),
    consultId,
    area: 'face',
    view: 'front',
    takenAt: '2026-03-01T10:00:00.000Z',
    ...extra
  })
}

async function importPhoto(
  consultId: string,
  bytes: Buffer,
  extra: Record<string, unknown> = {}
): Promise<PhotoSummary> {
  const result = await importResult(consultId, bytes, extra)
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value as PhotoSummary
}

describe('importing a photo', () => {
  let consult: Consult
  beforeEach(async () => {
    consult = await consultFor()
    await consentToPhotos(consult.id)
  })

  it('strips GPS and every other metadata: the stored file carries none', async () => {
    const original = await jpegWithGps()
    expect(await exifr.gps(original)).toMatchObject({ latitude: 51.5 })
    const photo = await importPhoto(consult.id, original)
    const stored = readFileSync(join(photosFolder(), `${photo.sha256}.jpg`))
    expect(await exifr.gps(stored)).toBeUndefined()
    expect(await exifr.parse(stored, true)).toBeUndefined()
    expect(stored.includes('PhoneMaker')).toBe(false)
  })

  it('names the file by its SHA-256, owner-only, and indexes it with size, dimensions and time', async () => {
    const photo = await importPhoto(consult.id, await jpegWithGps(), { area: 'neck', view: 'left-45' })
    const file = join(photosFolder(), `${photo.sha256}.jpg`)
    const bytes = readFileSync(file)
    expect(sha(bytes)).toBe(photo.sha256)
    expect(photo).toMatchObject({
      consultId: consult.id,
      area: 'neck',
      view: 'left-45',
      bytes: bytes.length,
      width: 640,
      height: 480
    })
    expect(photo.takenAt).toBe('2026-03-01T10:00:00.000Z')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(photosFolder()).mode & 0o777).toBe(0o700)
    const thumb = await sharp(Buffer.from(photo.thumb.split(',')[1]!, 'base64')).metadata()
    expect(Math.max(thumb.width!, thumb.height!)).toBe(200)
    expect(await ts.call('photos.forConsult', { consultId: consult.id })).toEqual([photo])
    expect(await ts.call('photos.forPatient', { patientId: consult.patientId })).toEqual([photo])
  })

  it('takes the time taken from the photo’s own EXIF (DateTimeOriginal at its offset) over the file’s date', async () => {
    const withDate = (format: 'jpeg' | 'webp', background: string) =>
      sharp({ create: { width: 64, height: 48, channels: 3, background } })
        .withExif({ IFD2: { DateTimeOriginal: '2025:07:14 09:30:15', OffsetTimeOriginal: '+02:00' } })
        .toFormat(format)
        .toBuffer()
    for (const bytes of [await withDate('jpeg', '#a08070'), await withDate('webp', '#70a080')]) {
      expect((await sharp(bytes).metadata()).exif).toBeDefined()
      const photo = await importPhoto(consult.id, bytes, { takenAt: '2026-03-01T10:00:00.000Z' })
      expect(photo.takenAt).toBe('2025-07-14T07:30:15.000Z')
      expect(await exifr.parse(readFileSync(join(photosFolder(), `${photo.sha256}.jpg`)), true)).toBeUndefined()
    }
    // Without a date of its own, the photo keeps the time it was given (the file's date).
    const undated = await importPhoto(consult.id, await jpegWithGps(), { takenAt: '2026-03-01T10:00:00.000Z' })
    expect(undated.takenAt).toBe('2026-03-01T10:00:00.000Z')
  })

  it('takes PNG and WebP, stored as JPEG', async () => {
    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: '#336699' } })
      .png()
      .toBuffer()
    const webp = await sharp({ create: { width: 60, height: 30, channels: 3, background: '#993366' } })
      .webp()
      .toBuffer()
    for (const bytes of [png, webp]) {
      const photo = await importPhoto(consult.id, bytes)
      expect((await sharp(readFileSync(join(photosFolder(), `${photo.sha256}.jpg`))).metadata()).format).toBe('jpeg')
    }
  })

  it('converts a real HEIC file to a stored JPEG of the same size, without its metadata', async () => {
    // tests/fixtures/photo.heic: HEVC, 320 × 240, EXIF with a camera make and GPS (see the README there).
    const heic = readFileSync(join(__dirname, '../fixtures/photo.heic'))
    expect(heic.toString('latin1', 4, 12)).toBe('ftypheic')
    expect(heic.includes('TestCam')).toBe(true)
    const photo = await importPhoto(consult.id, heic)
    const stored = readFileSync(join(photosFolder(), `${photo.sha256}.jpg`))
    const meta = await sharp(stored).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 })
    expect(photo).toMatchObject({ width: 320, height: 240, bytes: stored.length })
    expect(meta.exif ?? meta.xmp ?? meta.icc ?? meta.iptc).toBeUndefined()
    expect(await exifr.parse(stored, true)).toBeUndefined()
    expect(stored.includes('TestCam')).toBe(false)
  })

  it('refuses a file that is not a photo, and the same photo twice in a consult', async () => {
    expect(await importResult(consult.id, Buffer.from('not a photo at all'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' }
    })
    const bytes = await jpegWithGps()
    await importPhoto(consult.id, bytes)
    expect(await importResult(consult.id, bytes)).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('refuses an area that is not on the body map, and a view that is not one of the six', async () => {
    const bytes = await jpegWithGps()
    expect(await importResult(consult.id, bytes, { area: 'elbow' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' }
    })
    expect(await importResult(consult.id, bytes, { view: 'top' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' }
    })
  })

  it('keeps the side for arms, legs and other sided areas, and needs one there only', async () => {
    const bytes = await jpegWithGps()
    const sideMessage = {
      ok: false,
      error: { code: 'invalid_input', fields: { side: expect.stringMatching(/left or the right side/) } }
    }
    expect(await importResult(consult.id, bytes, { area: 'arms' })).toMatchObject(sideMessage)
    expect(await importResult(consult.id, bytes, { area: 'face', side: 'left' })).toMatchObject(sideMessage)
    const photo = await importPhoto(consult.id, bytes, { area: 'arms', side: 'left' })
    expect(photo).toMatchObject({ area: 'arms', side: 'left' })
    expect(
      (
        await importPhoto(
          consult.id,
          await sharp({ create: { width: 9, height: 9, channels: 3, background: '#345' } })
            .png()
            .toBuffer()
        )
      ).side
    ).toBeNull()
  })
})

describe('photography consent', () => {
  it('without a photography consent on file, says why photos cannot be kept and how to get it', async () => {
    const consult = await consultFor()
    const result = await importResult(consult.id, await jpegWithGps())
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(!result.ok && result.error.message).toMatch(/photography consent.*sign/s)
    expect(readdirSync(ts.dataDir)).not.toContain('photos')
  })

  it('a consent that said no to the clinical record does not allow photos', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id, false)
    expect(await importResult(consult.id, await jpegWithGps())).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })
  })
})

describe('integrity', () => {
  it('a photo whose file was changed shows as a mismatch; a missing file as missing', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const photo = await importPhoto(consult.id, await jpegWithGps())
    expect(await ts.call<PhotoImage>('photos.get', { id: photo.id })).toMatchObject({ integrity: 'ok' })
    const file = join(photosFolder(), `${photo.sha256}.jpg`)
    const bytes = readFileSync(file)
    bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256
    writeFileSync(file, bytes)
    expect(await ts.call<PhotoImage>('photos.get', { id: photo.id })).toMatchObject({ integrity: 'mismatch' })
    rmSync(file)
    expect(await ts.call<PhotoImage>('photos.get', { id: photo.id })).toMatchObject({ integrity: 'missing', src: null })
  })
})

describe('a signed consult’s photos', () => {
  it('cannot be removed, replaced or added to, by the app or by SQL', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const photo = await importPhoto(consult.id, await jpegWithGps())
    const other = await importPhoto(
      consult.id,
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer()
    )
    expect(await ts.call('photos.remove', { id: other.id })).toBeNull()
    const audit = await ts.call<{ action: string; subject: string }[]>('audit.list', { limit: 4 })
    expect(audit.map((a) => a.action)).toEqual(['removed-photo', 'added-photo', 'added-photo', 'signed-consent'])
    expect(audit[0]!.subject).toMatch(`face, front, taken 2026-03-01T10:00, consult ${consult.id}`)
    expect(readdirSync(photosFolder())).toEqual([`${photo.sha256}.jpg`])
    const db = new Database(ts.service.databasePath)
    // Even before signing, a row is never replaced or edited in place.
    expect(() => db.prepare('INSERT OR REPLACE INTO photos SELECT * FROM photos WHERE id = ?').run(photo.id)).toThrow(
      /cannot be replaced/
    )
    expect(() => db.prepare("UPDATE photos SET view = 'close-up' WHERE id = ?").run(photo.id)).toThrow(
      /cannot be changed/
    )
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, practitioner: 'Dr Grace Hopper', noAreasNote: 'Photos only.' }
    })
    await ts.sign(consult.id)

    expect(await ts.dispatch('photos.remove', { id: photo.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })
    expect(await importResult(consult.id, await jpegWithGps(), { view: 'close-up' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' }
    })

    try {
      expect(() => db.prepare('DELETE FROM photos WHERE id = ?').run(photo.id)).toThrow(/cannot be removed/)
      expect(() => db.prepare('UPDATE photos SET sha256 = ? WHERE id = ?').run('0'.repeat(64), photo.id)).toThrow(
        /cannot be changed/
      )
      expect(() =>
        db
          .prepare(
            "INSERT INTO photos SELECT 'x', consult_id, patient_id, area, side, 'close-up', ?, bytes, width, height, taken_at, ?, thumb, amendment_id FROM photos WHERE id = ?"
          )
          .run('1'.repeat(64), new Date().toISOString(), photo.id)
      ).toThrow(/signed consult takes new photos only with an amendment/)
      expect(db.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: 1 })
    } finally {
      db.close()
    }
  })
})

describe('photos added with an amendment', () => {
  /** A signed consult of a patient with (unless told) the photography consent, and one photo. */
  async function signedWithPhoto(consent = true): Promise<Consult> {
    const consult = await consultFor()
    if (consent) await consentToPhotos(consult.id)
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, practitioner: 'Dr Grace Hopper', noAreasNote: 'Photos only.' }
    })
    return (await ts.sign(consult.id)).consult
  }

  const later = () =>
    sharp({ create: { width: 400, height: 300, channels: 3, background: '#705040' } })
      .jpeg()
      .toBuffer()

  async function amendWith(consultId: string, files: Buffer[]) {
    const photos = []
    for (const bytes of files) {
      photos.push({ uploadId: await upload(bytes), area: 'face', view: 'front', takenAt: '2026-06-01T10:00:00.000Z' })
    }
    return ts.dispatch('consults.amend', {
      id: consultId,
      text: 'Three months on.',
      practitionerId: await ts.practitioner('Dr Grace Hopper'),
      pin: '2468',
      photos
    })
  }

  it('are stored with their amendment, under its signature, and in the audit log', async () => {
    const consult = await signedWithPhoto()
    const result = await amendWith(consult.id, [await later()])
    expect(result.ok).toBe(true)
    const amendment = (result as { value: Amendment }).value
    const [photo] = await ts.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
    expect(photo).toMatchObject({ amendmentId: amendment.id, importedAt: amendment.createdAt, width: 400 })
    expect(readFileSync(join(photosFolder(), `${photo!.sha256}.jpg`)).includes('Exif')).toBe(false)
    expect(await ts.call<ConsultRecord>('consults.get', { id: consult.id })).toMatchObject({ integrity: 'ok' })
    const audit = await ts.call<{ action: string; subject: string; detail: string }[]>('audit.list', { limit: 2 })
    expect(audit.map((a) => a.action)).toEqual(['added-photo', 'amended'])
    expect(audit[0]!.detail).toBe(`${photo!.sha256}, amendment ${amendment.id}`)
    expect(audit[1]!.detail).toBe('Three months on. (with 1 photo)')
  })

  it('a photo whose SHA-256 is swapped behind the app breaks the amendment’s signature', async () => {
    const consult = await signedWithPhoto()
    await amendWith(consult.id, [await later()])
    await ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      raw.exec('DROP TRIGGER photos_are_read_only; DROP TRIGGER photos_refuse_update')
      raw.prepare('UPDATE photos SET sha256 = ?').run('2'.repeat(64))
      raw.close()
    })
    expect(await ts.call<ConsultRecord>('consults.get', { id: consult.id })).toMatchObject({
      integrity: 'mismatch',
      integrityProblem: expect.stringMatching(/amendment 1 differs/)
    })
  })

  it('can never be changed, replaced or removed, and none joins an amendment later', async () => {
    const consult = await signedWithPhoto()
    await amendWith(consult.id, [await later()])
    const [photo] = await ts.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
    expect(await ts.dispatch('photos.remove', { id: photo!.id })).toMatchObject({ ok: false })
    const db = new Database(ts.service.databasePath)
    try {
      // The consult's own triggers go first, so protect-rows is checked with them out of the way.
      db.exec('DROP TRIGGER photos_are_read_only; DROP TRIGGER photos_of_signed_consults_are_kept')
      db.exec('DROP TRIGGER photos_are_not_replaced')
      expect(() => db.prepare('DELETE FROM photos WHERE id = ?').run(photo!.id)).toThrow(
        /a photo of an amendment cannot be deleted/
      )
      expect(() => db.prepare("UPDATE photos SET view = 'close-up' WHERE id = ?").run(photo!.id)).toThrow(
        /a photo of an amendment cannot be changed/
      )
      expect(() =>
        db.prepare('INSERT OR REPLACE INTO photos SELECT * FROM photos WHERE id = ?').run(photo!.id)
      ).toThrow(/a photo of an amendment cannot be replaced/)
      expect(() =>
        db
          .prepare(
            "INSERT INTO photos SELECT 'y', consult_id, patient_id, area, side, view, ?, bytes, width, height, taken_at, ?, thumb, amendment_id FROM photos WHERE id = ?"
          )
          .run('3'.repeat(64), new Date().toISOString(), photo!.id)
      ).toThrow(/a photo of an amendment is added with that amendment/)
      expect(db.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: 1 })
    } finally {
      db.close()
    }
  })

  it('need the photography consent: without it the amendment is refused, saying why', async () => {
    const consult = await signedWithPhoto(false)
    expect(await amendWith(consult.id, [await later()])).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/photography consent/) }
    })
    expect(await ts.call<ConsultRecord>('consults.get', { id: consult.id })).toMatchObject({ amendments: [] })
    expect(await ts.call('photos.forConsult', { consultId: consult.id })).toEqual([])
  })

  it('a loose photo is still refused for a signed consult, and an amendment takes at most four', async () => {
    const consult = await signedWithPhoto()
    expect(await importResult(consult.id, await later())).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const five = await Promise.all(
      ['#111', '#222', '#333', '#444', '#555'].map((background) =>
        sharp({ create: { width: 20, height: 20, channels: 3, background } })
          .jpeg()
          .toBuffer()
      )
    )
    expect(await amendWith(consult.id, five)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})

describe('photos picked for the handout', () => {
  it('only the picked photos of that consult are on its handout, never another patient’s', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const picked = await importPhoto(consult.id, await jpegWithGps())
    await importPhoto(
      consult.id,
      await sharp({ create: { width: 30, height: 30, channels: 3, background: '#123' } })
        .jpeg()
        .toBuffer()
    )
    const other = await consultFor('Grace Hopper')
    await consentToPhotos(other.id)
    const theirs = await importPhoto(other.id, await jpegWithGps())
    await ts.call('photos.pickForHandout', { id: theirs.id, picked: true })

    expect((await ts.call<ConsultRecord>('consults.get', { id: consult.id })).handoutPhotos).toEqual([])
    expect(await ts.call('photos.pickForHandout', { id: picked.id, picked: true })).toBeNull()
    await ts.call('photos.pickForHandout', { id: picked.id, picked: true })
    expect(await ts.call('photos.handoutPicks', { consultId: consult.id })).toEqual([picked.id])
    expect((await ts.call<ConsultRecord>('consults.get', { id: consult.id })).handoutPhotos).toEqual([picked])
    const [entry] = await ts.call<{ action: string }[]>('audit.list', { limit: 1 })
    expect(entry!.action).toBe('picked-photo')

    await ts.call('photos.pickForHandout', { id: picked.id, picked: false })
    expect((await ts.call<ConsultRecord>('consults.get', { id: consult.id })).handoutPhotos).toEqual([])
    expect(await ts.call('photos.handoutPicks', { consultId: other.id })).toEqual([theirs.id])
  })
})

describe('backups of photos', () => {
  it('copy only new photo files, and a restore brings every photo back byte-identical', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const first = await importPhoto(consult.id, await jpegWithGps())
    const backup = await ts.call<BackupInfo>('backups.create', undefined)
    const backedUp = join(ts.dataDir, 'backups', 'photos', `${first.sha256}.jpg`)
    expect(sha(readFileSync(backedUp))).toBe(first.sha256)
    const copiedAt = statSync(backedUp).mtimeMs

    const second = await importPhoto(
      consult.id,
      await sharp({ create: { width: 30, height: 20, channels: 3, background: '#123456' } })
        .png()
        .toBuffer()
    )
    await ts.call('backups.create', undefined)
    expect(statSync(backedUp).mtimeMs).toBe(copiedAt)
    expect(readdirSync(join(ts.dataDir, 'backups', 'photos')).sort()).toEqual(
      [`${first.sha256}.jpg`, `${second.sha256}.jpg`].sort()
    )

    // The first photo is removed from the draft and its file is gone; the second one's file is damaged.
    await ts.call('photos.remove', { id: first.id })
    expect(readdirSync(photosFolder())).toEqual([`${second.sha256}.jpg`])
    writeFileSync(join(photosFolder(), `${second.sha256}.jpg`), 'damaged')

    const result = await ts.call<RestoreResult>('backups.restore', {
      name: backup.name,
      practitionerId: await ts.practitioner('Dr Grace Hopper'),
      pin: '2468'
    })
    expect(result.missingPhotos).toBe(0)
    const image = await ts.call<PhotoImage>('photos.get', { id: first.id })
    expect(image.integrity).toBe('ok')
    expect(sha(readFileSync(join(photosFolder(), `${first.sha256}.jpg`)))).toBe(first.sha256)
    expect(statSync(join(photosFolder(), `${first.sha256}.jpg`)).mode & 0o777).toBe(0o600)

    // Undoing the restore brings the second photo back too, repaired from the backups' copy.
    await ts.call('backups.restore', {
      name: result.savedFirst.name,
      practitionerId: await ts.practitioner('Dr Grace Hopper'),
      pin: '2468'
    })
    expect(await ts.call<PhotoImage>('photos.get', { id: second.id })).toMatchObject({ integrity: 'ok' })
  })
})

describe('backups of photos, by the files’ names and sizes', () => {
  const backupsPhotos = () => join(ts.dataDir, 'backups', 'photos')
  const pixel = (background: string) =>
    sharp({ create: { width: 24, height: 16, channels: 3, background } })
      .png()
      .toBuffer()

  it('a photo file already backed up at its size is not read again; one cut short is copied again, whole', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const photo = await importPhoto(consult.id, await pixel('#102030'))
    await ts.call('backups.create', undefined)
    const copy = join(backupsPhotos(), `${photo.sha256}.jpg`)
    const good = readFileSync(copy)
    expect(sha(good)).toBe(photo.sha256)

    // Same size, other bytes: a backup that read and hashed its copies would replace it.
    const sameSize = Buffer.alloc(good.length, 7)
    writeFileSync(copy, sameSize)
    await ts.call('backups.create', undefined)
    expect(readFileSync(copy).equals(sameSize)).toBe(true)

    writeFileSync(copy, good.subarray(0, 100))
    await ts.call('backups.create', undefined)
    expect(readFileSync(copy).equals(good)).toBe(true)
    expect(statSync(copy).mode & 0o777).toBe(0o600)
    expect(readdirSync(backupsPhotos())).toEqual([`${photo.sha256}.jpg`])
  })

  it('a photo damaged here is not copied into the backups, and a restore counts one no backup holds whole', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const damaged = await importPhoto(consult.id, await pixel('#203040'))
    const kept = await importPhoto(consult.id, await pixel('#304050'))
    const live = join(photosFolder(), `${damaged.sha256}.jpg`)
    writeFileSync(live, Buffer.alloc(damaged.bytes, 1))
    const backup = await ts.call<BackupInfo>('backups.create', undefined)
    expect(readdirSync(backupsPhotos())).toEqual([`${kept.sha256}.jpg`])

    rmSync(join(photosFolder(), `${kept.sha256}.jpg`))
    const result = await ts.restore(backup.name)
    expect(result.missingPhotos).toBe(1)
    expect(await ts.call<PhotoImage>('photos.get', { id: kept.id })).toMatchObject({ integrity: 'ok' })
    expect(await ts.call<PhotoImage>('photos.get', { id: damaged.id })).toMatchObject({ integrity: 'mismatch' })
  })
})

describe('photos from an export', () => {
  const stored = (photo: ExportedPhoto) => readFileSync(join(photosFolder(), `${photo.sha256}.jpg`))
  const exportedPhotos = async (consultId: string) =>
    (await ts.call<ExportPage>('transfer.exportPage', { patientId: null, offset: 0, limit: 10 })).items.find(
      (item) => item.consult.id === consultId
    )!

  it('come back as they were, once; a file that does not match its hash or carries metadata is refused', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const { thumb: _thumb, ...photo } = await importPhoto(consult.id, await jpegWithGps())
    const page = await ts.call<ExportPage>('transfer.exportPage', { patientId: null, offset: 0, limit: 10 })
    expect(page.items[0]!.photos).toEqual([photo])
    const bytes = stored(photo)
    const restore = (uploadId: string, given = photo) =>
      ts.dispatch('photos.restore', { uploadId, photo: given, consultPhotos: [given] })

    expect(await restore(await upload(bytes))).toEqual({ ok: true, value: false })
    await ts.call('photos.remove', { id: photo.id })
    const altered = Buffer.from(bytes)
    altered[altered.length - 10] = (altered[altered.length - 10]! + 1) % 256
    expect(await restore(await upload(altered))).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/does not match its SHA-256/) }
    })
    const withGps = await jpegWithGps()
    expect(await restore(await upload(withGps), { ...photo, sha256: sha(withGps) })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/carries metadata/) }
    })
    expect(await restore(await upload(bytes))).toEqual({ ok: true, value: true })
    expect(await ts.call<PhotoImage>('photos.get', { id: photo.id })).toMatchObject({
      integrity: 'ok',
      photo: { ...photo }
    })
    const [entry] = await ts.call<{ action: string; actor: string; detail: string }[]>('audit.list', { limit: 1 })
    expect(entry).toMatchObject({
      action: 'imported-photo',
      actor: 'Clinic',
      detail: `${photo.sha256}, from an export`
    })
  })

  it('a draft takes a photo from an export only once the patient’s photography consent is on file', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const { thumb: _thumb, ...photo } = await importPhoto(consult.id, await jpegWithGps())
    const bytes = stored(photo)
    await ts.call('photos.remove', { id: photo.id })
    const other = await consultFor('Grace Hopper')
    const theirs = { ...photo, id: crypto.randomUUID(), consultId: other.id, patientId: other.patientId }
    const result = await ts.dispatch('photos.restore', {
      uploadId: await upload(bytes),
      photo: theirs,
      consultPhotos: [theirs]
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/consent/) } })
    expect(await ts.call('photos.forConsult', { consultId: other.id })).toEqual([])
  })

  describe('into a signed consult, in another clinic’s database', () => {
    const elsewhere = new TestService({ practitioner: 'Dr Other Clinic' })
    beforeEach(() => elsewhere.start())
    afterEach(() => elsewhere.stop())

    /** A signed consult with one photo of its own and one added with an amendment, exported and imported elsewhere without their files. */
    async function signedAndImportedElsewhere() {
      const consult = await consultFor()
      await consentToPhotos(consult.id)
      await importPhoto(consult.id, await jpegWithGps())
      await ts.call('consults.saveDraft', {
        id: consult.id,
        draft: { consultedAt: consult.consultedAt, practitioner: 'Dr Grace Hopper', noAreasNote: 'Photos only.' }
      })
      await ts.sign(consult.id)
      await ts.call('consults.amend', {
        id: consult.id,
        text: 'Three months on.',
        practitionerId: await ts.practitioner('Dr Grace Hopper'),
        pin: '2468',
        photos: [
          { uploadId: await upload(await later()), area: 'face', view: 'front', takenAt: '2026-06-01T10:00:00.000Z' }
        ]
      })
      const item = await exportedPhotos(consult.id)
      const own = item.photos.find((p) => p.amendmentId === null)!
      const amended = item.photos.find((p) => p.amendmentId !== null)!
      expect(await elsewhere.call('transfer.importBatch', { items: [item] })).toMatchObject({ added: 1 })
      const restore = async (photo: ExportedPhoto, bytes: Buffer, consultPhotos = item.photos) =>
        elsewhere.dispatch('photos.restore', { uploadId: await upload(bytes, elsewhere), photo, consultPhotos })
      const record = () => elsewhere.call<ConsultRecord>('consults.get', { id: consult.id })
      const photos = () => elsewhere.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
      return { consult, item, own, amended, restore, record, photos }
    }

    const later = () =>
      sharp({ create: { width: 400, height: 300, channels: 3, background: '#705040' } })
        .jpeg()
        .toBuffer()

    it('takes back exactly the photos its signatures cover, each in the audit log; the record then checks', async () => {
      const { own, amended, restore, record, photos } = await signedAndImportedElsewhere()
      expect(await record()).toMatchObject({
        integrity: 'mismatch',
        integrityProblem: expect.stringMatching(/photos differ/)
      })
      expect(await restore(own, stored(own))).toEqual({ ok: true, value: true })
      expect(await restore(amended, stored(amended))).toEqual({ ok: true, value: true })
      expect(await record()).toMatchObject({ integrity: 'ok' })
      expect((await photos()).map(({ thumb: _t, ...p }) => p)).toEqual([own, amended])
      const audit = await elsewhere.call<{ action: string; detail: string }[]>('audit.list', { limit: 2 })
      expect(audit).toMatchObject([
        { action: 'imported-photo', detail: `${amended.sha256}, amendment ${amended.amendmentId}, from an export` },
        { action: 'imported-photo', detail: `${own.sha256}, from an export` }
      ])
    })

    it('refuses a photo it was not signed with, backdated or listed as signed, and one moved to another place or time', async () => {
      const { item, own, amended, restore, photos } = await signedAndImportedElsewhere()
      const extra = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#224466' } })
        .jpeg()
        .toBuffer()
      const backdated: ExportedPhoto = {
        ...own,
        id: crypto.randomUUID(),
        sha256: sha(extra),
        bytes: extra.length,
        importedAt: '2000-01-01T00:00:00.000Z'
      }
      const notSigned = /is not one its signed consult, or an amendment of it, was signed with/
      const notHolding = /signatures do not hold/
      const moved: ExportedPhoto = { ...own, view: 'close-up' }
      const cases: [photo: ExportedPhoto, listed: readonly ExportedPhoto[], problem: RegExp][] = [
        [backdated, item.photos, notSigned],
        [backdated, [...item.photos, backdated], notHolding],
        [{ ...backdated, amendmentId: amended.amendmentId, importedAt: amended.importedAt }, item.photos, notSigned],
        [moved, item.photos, notSigned],
        [{ ...own, takenAt: '2025-01-01T00:00:00.000Z' }, item.photos, notSigned],
        [moved, item.photos.map((p) => (p.id === own.id ? moved : p)), notHolding],
        [{ ...own, importedAt: new Date().toISOString() }, item.photos, /another time/]
      ]
      for (const [photo, listed, problem] of cases) {
        const bytes = photo.sha256 === own.sha256 ? stored(own) : extra
        expect(await restore(photo, bytes, [...listed]), JSON.stringify(photo)).toMatchObject({
          ok: false,
          error: { code: 'invalid_input', message: expect.stringMatching(problem) }
        })
      }
      expect(await photos()).toEqual([])
      expect(readdirSync(elsewhere.dataDir)).not.toContain('photos')
      const [entry] = await elsewhere.call<{ action: string }[]>('audit.list', { limit: 1 })
      expect(entry!.action).toBe('imported')
    })

    it('an export listing a photo its consult was not signed with is refused on import, saying why', async () => {
      const { item, own } = await signedAndImportedElsewhere()
      const third = new TestService({ practitioner: 'Dr Third Clinic' })
      await third.start()
      try {
        const added = { ...own, id: crypto.randomUUID(), sha256: '7'.repeat(64) }
        const result = await third.call<ImportResult>('transfer.importBatch', {
          items: [{ ...item, photos: [...item.photos, added] }]
        })
        expect(result).toMatchObject({
          added: 0,
          refused: [{ reason: expect.stringMatching(/signature check failed: .*photos differ/) }]
        })
      } finally {
        third.stop()
      }
    })
  })
})

describe('a signed consult’s own photos, under its signature', () => {
  /** A consult with two photos, signed. */
  async function signedWithTwoPhotos() {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    await importPhoto(consult.id, await jpegWithGps())
    await importPhoto(
      consult.id,
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#446688' } })
        .jpeg()
        .toBuffer(),
      { view: 'close-up' }
    )
    await ts.call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, practitioner: 'Dr Grace Hopper', noAreasNote: 'Photos only.' }
    })
    await ts.sign(consult.id)
    expect(await ts.call<ConsultRecord>('consults.get', { id: consult.id })).toMatchObject({ integrity: 'ok' })
    return consult
  }

  /** Changes the photos table behind the app's back, with its guarding triggers dropped first. */
  function tamper(sql: string): Promise<void> {
    return ts.restart(() => {
      const raw = new Database(ts.service.databasePath)
      const triggers = raw
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'photos'")
        .pluck()
        .all()
      for (const name of triggers) raw.exec(`DROP TRIGGER ${name}`)
      raw.exec(sql)
      raw.close()
    })
  }

  const mismatch = {
    integrity: 'mismatch',
    integrityProblem: 'the consult, its patient, its signer or its photos differ from what was signed'
  }

  it('a photo row removed behind the app’s back shows as a mismatch', async () => {
    const consult = await signedWithTwoPhotos()
    await tamper("DELETE FROM photos WHERE view = 'close-up'")
    expect(await ts.call<ConsultRecord>('consults.get', { id: consult.id })).toMatchObject(mismatch)
  })

  it('a photo row added behind the app’s back shows as a mismatch', async () => {
    const consult = await signedWithTwoPhotos()
    await tamper(
      `INSERT INTO photos SELECT '${crypto.randomUUID()}', consult_id, patient_id, area, side, 'left-45', '${'4'.repeat(64)}', bytes, width, height, taken_at, imported_at, thumb, amendment_id FROM photos LIMIT 1`
    )
    expect(await ts.call<ConsultRecord>('consults.get', { id: consult.id })).toMatchObject(mismatch)
  })

  it('a photo swapped for another file, or moved to another view, shows as a mismatch', async () => {
    const swapped = await signedWithTwoPhotos()
    const moved = await signedWithTwoPhotos()
    await tamper(`
      UPDATE photos SET sha256 = '${'5'.repeat(64)}' WHERE view = 'close-up' AND consult_id = '${swapped.id}';
      UPDATE photos SET view = 'right-45' WHERE view = 'close-up' AND consult_id = '${moved.id}';`)
    expect(await ts.call<ConsultRecord>('consults.get', { id: swapped.id })).toMatchObject(mismatch)
    expect(await ts.call<ConsultRecord>('consults.get', { id: moved.id })).toMatchObject(mismatch)
  })

  it('a consult signed before its photos were covered (an export made then) still imports and checks', async () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../fixtures/signed-before-photos.json'), 'utf8')) as {
      items: { consult: Consult; amendments: Amendment[] }[]
    }
    const [item] = file.items
    expect(item!.amendments).toHaveLength(1)
    expect(await ts.call<ImportResult>('transfer.importBatch', { items: file.items })).toMatchObject({
      added: 1,
      refused: []
    })
    expect(await ts.call<ConsultRecord>('consults.get', { id: item!.consult.id })).toMatchObject({
      integrity: 'ok',
      integrityProblem: null
    })
  })
})
