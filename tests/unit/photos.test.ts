import Database from 'better-sqlite3'
import exifr from 'exifr'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import content from 'virtual:content'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  PHOTO_CHUNK_CHARS,
  type Amendment,
  type BackupInfo,
  type ConsultRecord,
  type Consult,
  type ExportPage,
  type RestoreResult,
  type Patient,
  type PhotoImage,
  type PhotoSummary
} from '../../electron/contract'
import { useTestService } from '../support/test-service'

const ts = useTestService()
vi.setConfig({ testTimeout: 30_000 })

const form = content.consent.find((f) => f.id === 'photography')!
const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')
const photosFolder = () => join(ts.dataDir, 'photos')

async function consultFor(name = 'Ada Lovelace'): Promise<Consult> {
  const patient = await ts.call<Patient>('patients.create', { fullName: name })
  return ts.call<Consult>('consults.create', { patientId: patient.id })
}

async function consentToPhotos(consultId: string, clinicalRecord = true): Promise<void> {
  await ts.call('consents.sign', {
    consultId,
    formId: form.id,
    formVersion: form.version,
    textSha256: sha(form.text),
    choices: { 'clinical-record': clinicalRecord, teaching: false, marketing: false },
    patientName: 'Ada Lovelace',
    signature: null,
    agreed: true,
    practitionerId: await ts.practitioner('Dr Grace Hopper'),
    pin: '2468'
  })
}

/** A JPEG carrying a camera make and GPS position, as a phone would write it. */
const jpegWithGps = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: '#c08060' } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Artist: 'Ada Lovelace' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' }
    })
    .jpeg()
    .toBuffer()

async function upload(bytes: Buffer): Promise<string> {
  const uploadId = crypto.randomUUID()
  const data = bytes.toString('base64')
  for (let i = 0, index = 0; i < data.length; i += PHOTO_CHUNK_CHARS, index++) {
    await ts.call('photos.upload', { uploadId, index, data: data.slice(i, i + PHOTO_CHUNK_CHARS) })
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
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320)
    expect(await ts.call('photos.forConsult', { consultId: consult.id })).toEqual([photo])
    expect(await ts.call('photos.forPatient', { patientId: consult.patientId })).toEqual([photo])
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

describe('photos from an export', () => {
  it('come back as they were, once; a file that does not match its hash or carries metadata is refused', async () => {
    const consult = await consultFor()
    await consentToPhotos(consult.id)
    const { thumb: _thumb, ...photo } = await importPhoto(consult.id, await jpegWithGps())
    const page = await ts.call<ExportPage>('transfer.exportPage', { patientId: null, offset: 0, limit: 10 })
    expect(page.items[0]!.photos).toEqual([photo])
    const bytes = readFileSync(join(photosFolder(), `${photo.sha256}.jpg`))

    expect(await ts.call('photos.restore', { uploadId: await upload(bytes), photo })).toBe(false)
    await ts.call('photos.remove', { id: photo.id })
    const altered = Buffer.from(bytes)
    altered[altered.length - 10] = (altered[altered.length - 10]! + 1) % 256
    expect(await ts.dispatch('photos.restore', { uploadId: await upload(altered), photo })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/does not match its SHA-256/) }
    })
    const withGps = await jpegWithGps()
    expect(
      await ts.dispatch('photos.restore', {
        uploadId: await upload(withGps),
        photo: { ...photo, sha256: sha(withGps) }
      })
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/carries metadata/) }
    })
    expect(await ts.call('photos.restore', { uploadId: await upload(bytes), photo })).toBe(true)
    expect(await ts.call<PhotoImage>('photos.get', { id: photo.id })).toMatchObject({
      integrity: 'ok',
      photo: { ...photo }
    })
  })
})
