import Database from 'better-sqlite3'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { thumbnail } from '../electron/service/photo-image'
import content from 'virtual:content'
import { insertPhoto } from '../db/queries/photos'
import type { WritableDB } from '../db/types'
import { PHOTO_CHUNK_CHARS, type Consult, type Patient, type Practitioner, type Result } from '../electron/contract'
import { TOOL_PIN } from './tool-session'

type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>

const PIN = '2468'
const IMPORT_COUNT = 20
export const PATIENT_PHOTOS = 200
const GRID_CONSULTS = 10

async function call<T>(dispatch: Dispatch, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as T
}

/** A patient with the photography consent for the clinical record: a fresh draft consult of theirs each time it is called. */
async function consentedPatient(dispatch: Dispatch): Promise<() => Promise<Consult>> {
  const form = content.consent.find((f) => f.id === 'photography')!
  // A folder reused by `--data` has the practitioner from its first run.
  const known = await call<Practitioner[]>(dispatch, 'practitioners.list', undefined)
  const practitioner =
    known.find((p) => p.name === 'Bench Practitioner') ??
    (await call<Practitioner>(dispatch, 'practitioners.add', {
      name: 'Bench Practitioner',
      pin: PIN,
      approverPin: TOOL_PIN
    }))
  const patient = await call<Patient>(dispatch, 'patients.create', { fullName: 'Bench Photos' })
  const first = await call<Consult>(dispatch, 'consults.create', { patientId: patient.id })
  await call(dispatch, 'consents.sign', {
    consultId: first.id,
    formId: form.id,
    formVersion: form.version,
    textSha256: createHash('sha256').update(form.text).digest('hex'),
    choices: { 'clinical-record': true, teaching: false, marketing: false },
    patientName: patient.fullName,
    signature: null,
    agreed: true,
    practitionerId: practitioner.id,
    pin: PIN
  })
  return () => call<Consult>(dispatch, 'consults.create', { patientId: patient.id })
}

/** A 12-megapixel camera-like JPEG: smooth colour with fine grain, about as large as a phone's. */
async function twelveMegapixels(seed: number): Promise<Buffer> {
  const small = await sharp({
    create: {
      width: 400,
      height: 300,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 120 + seed, sigma: 40 }
    }
  })
    .png()
    .toBuffer()
  return sharp(small).resize(4000, 3000, { kernel: 'cubic' }).blur(2).jpeg({ quality: 92 }).toBuffer()
}

/**
 * Photo rows for `npm run bench`: importing 20 photos of 12 megapixels through the contract
 * (chunked upload, metadata stripped, hashed, thumbnailed, written) beside copying the same
 * files; and the data of a patient's 200-photo thumbnail grid beside a bare SELECT (the page
 * opening that patient is a Chromium row, scripts/bench/page-rows.ts).
 */
export async function photoBenches(dispatch: Dispatch, databasePath: string) {
  const work = mkdtempSync(join(tmpdir(), 'mnc-bench-photos-'))
  const files = await Promise.all(Array.from({ length: IMPORT_COUNT }, (_, i) => twelveMegapixels(i)))
  const paths = files.map((bytes, i) => {
    const path = join(work, `photo-${i}.jpg`)
    writeFileSync(path, bytes)
    return path
  })
  const newConsult = await consentedPatient(dispatch)

  const importTwenty = async () => {
    const consult = await newConsult()
    for (const bytes of files) {
      const uploadId = randomUUID()
      const data = bytes.toString('base64')
      for (let start = 0, index = 0; start < data.length; start += PHOTO_CHUNK_CHARS, index++) {
        await call(dispatch, 'photos.upload', { uploadId, index, data: data.slice(start, start + PHOTO_CHUNK_CHARS) })
      }
      await call(dispatch, 'photos.import', {
        uploadId,
        consultId: consult.id,
        area: 'face',
        view: 'front',
        takenAt: new Date().toISOString()
      })
    }
  }
  let copies = 0
  const copyTwenty = () => {
    const to = join(work, `copy-${copies++}`)
    mkdirSync(to)
    for (const path of paths) copyFileSync(path, join(to, `${randomBytes(8).toString('hex')}.jpg`))
  }

  // A patient of their own with 200 photos over 10 consults: index rows with real thumbnails, each
  // different (as 200 imports would leave them, so the page decodes 200 images, not one 200 times).
  const gridPatient = await call<Patient>(dispatch, 'patients.create', { fullName: 'Bench Photo Grid' })
  const gridConsults: Consult[] = []
  for (let i = 0; i < GRID_CONSULTS; i++) {
    gridConsults.push(await call<Consult>(dispatch, 'consults.create', { patientId: gridPatient.id }))
  }
  const base = await sharp(files[0]!).resize(1200, 1200, { fit: 'inside' }).toBuffer()
  const thumbs = await Promise.all(
    Array.from({ length: PATIENT_PHOTOS }, async (_, i) =>
      thumbnail(
        await sharp(base)
          .modulate({ hue: Math.round((i * 360) / PATIENT_PHOTOS) })
          .toBuffer()
      )
    )
  )
  const db = new Database(databasePath) as WritableDB
  const insertAll = db.transaction(() => {
    for (const [i, thumb] of thumbs.entries()) {
      insertPhoto(db, {
        id: randomUUID(),
        consult_id: gridConsults[i % GRID_CONSULTS]!.id,
        patient_id: gridPatient.id,
        area: 'face',
        side: null,
        view: 'front',
        sha256: randomBytes(32).toString('hex'),
        bytes: 2_000_000,
        width: 4000,
        height: 3000,
        taken_at: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString(),
        imported_at: new Date().toISOString(),
        thumb,
        amendment_id: null
      })
    }
  })
  insertAll()
  const bareGrid = db.prepare('SELECT id, thumb FROM photos WHERE patient_id = ? ORDER BY taken_at DESC')

  return {
    importTwenty,
    copyTwenty,
    /** The patient with the 200 photos, for the page to open. */
    gridPatientId: gridPatient.id,
    openGrid: () => call(dispatch, 'photos.forPatient', { patientId: gridPatient.id }),
    bareGrid: () => bareGrid.all(gridPatient.id),
    close: () => {
      db.close()
      rmSync(work, { recursive: true, force: true })
    }
  }
}
