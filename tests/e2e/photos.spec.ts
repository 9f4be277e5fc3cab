import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Locator, Page } from '@playwright/test'
import type { Consult, Patient, PhotoImage, PhotoSummary, Practitioner } from '../../electron/contract'
import { makeTempDir } from '../support/temp-dir'
import { WebApp } from '../support/web-app'
import { expect, PIN, PRACTITIONER, test, unlock } from './fixtures'
import { pdfOf } from './pdf'
import { addPhoto, consentToPhotos, picture } from './photo-helpers'
import { endPresentation } from './consult-helpers'

/** A patient with a draft consult, and (unless told) the photography consent for the clinical record. */
async function patientWithConsult(app: WebApp, name: string, { consent = true } = {}): Promise<Consult> {
  const patient = await app.call<Patient>('patients.create', { fullName: name })
  const consult = await app.call<Consult>('consults.create', { patientId: patient.id })
  await app.call('consults.saveDraft', {
    id: consult.id,
    baseUpdatedAt: consult.updatedAt,
    draft: { consultedAt: consult.consultedAt, practitioner: PRACTITIONER, areas: [{ areaId: 'face', sides: [] }] }
  })
  if (consent) await consentToPhotos(app, consult.id, name)
  return consult
}

const photo = (colour: string, name: string, format: 'jpeg' | 'png' | 'webp' = 'jpeg') =>
  picture(colour, format).then((buffer) => ({ name, mimeType: `image/${format}`, buffer }))

async function openPhotosStep(page: Page, app: WebApp, consult: Consult): Promise<void> {
  await page.goto(`${app.url}#/consults/${consult.id}/photos`)
  await unlock(page) // a new load starts locked
  await expect(page.getByRole('heading', { name: 'Photos', level: 2 })).toBeVisible()
}

async function importOne(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  view = 'Front'
): Promise<void> {
  await page.getByLabel('View', { exact: true }).selectOption({ label: view })
  const before = await page.getByRole('button', { name: /^Open photo/ }).count()
  await page.getByLabel('Photo files').setInputFiles(file)
  await expect(page.getByRole('button', { name: /^Open photo/ })).toHaveCount(before + 1)
}

test('without the photography consent, the Photos step says why and how to get it', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace', { consent: false })
  await openPhotosStep(page, app, consult)
  await expect(page.getByText(/Photos can’t be taken yet/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Plan & notes' }).last()).toBeVisible()
  await expect(page.getByLabel('Photo files')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Take photos with the camera' })).toHaveCount(0)
})

test('imports photos by file with progress; thumbnails show in the consult and the patient’s timeline', async ({
  page,
  app
}) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await openPhotosStep(page, app, consult)
  await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Face' })
  const files = await Promise.all([
    photo('#b07050', 'one.jpg'),
    photo('#a06040', 'two.png', 'png'),
    photo('#906030', 'three.webp', 'webp')
  ])
  await page.getByLabel('Photo files').setInputFiles(files)
  await expect(page.getByRole('status').filter({ hasText: /Importing \d of 3/ })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Open photo: Face, front/ })).toHaveCount(3)
  await expect(page.getByRole('status').filter({ hasText: /Importing/ })).toHaveCount(0)

  await page
    .getByLabel('Photo files')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
  await expect(page.getByRole('alert')).toContainText('notes.txt: That file is not a JPEG, PNG, WebP or HEIC photo')

  await page
    .getByRole('button', { name: /^Open photo/ })
    .first()
    .click()
  const viewer = page.getByRole('dialog')
  await expect(viewer.getByRole('img', { name: /Face, front/ })).toBeVisible()
  await expect(viewer.getByRole('alert')).toHaveCount(0)
  await viewer.getByRole('button', { name: 'Close' }).click()

  await page
    .getByRole('button', { name: /^Remove photo/ })
    .first()
    .click()
  await expect(page.getByRole('button', { name: /^Open photo/ })).toHaveCount(2)

  await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Left arm' })
  await page.getByLabel('Photo files').setInputFiles(await photo('#906050', 'arm.jpg'))
  await expect(page.getByRole('button', { name: /^Open photo: Left arm, front/ })).toHaveCount(1)

  await page.goto(`${app.url}#/patients/${consult.patientId}`)
  await unlock(page) // a new load starts locked
  const section = page.getByRole('region', { name: 'Photos' })
  await expect(section.getByRole('button', { name: /^Open photo: Face, front/ })).toHaveCount(2)
  await expect(section.getByRole('button', { name: /^Open photo: Left arm, front/ })).toHaveCount(1)
  // The consult's entry on the timeline carries its thumbnails too, named by area, view and date.
  const entry = page.getByRole('region', { name: 'Consults' }).getByRole('list', { name: /^Photos of the consult of / })
  await expect(entry.getByRole('button', { name: /^Open photo: Face, front, .*\d{4}/ })).toHaveCount(2)
  await expect(entry.getByRole('button', { name: /^Open photo: Left arm, front, .*\d{4}/ })).toHaveCount(1)
  await entry.getByRole('button', { name: /^Open photo: Left arm/ }).click()
  await expect(page.getByRole('dialog').getByRole('img', { name: /^Left arm, front/ })).toBeVisible()
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
  await page.screenshot({ path: 'test-results/photos-patient.png', fullPage: true })
})

test('a real HEIC photo picked by file is converted to a JPEG and shown', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await openPhotosStep(page, app, consult)
  const buffer = readFileSync(join(__dirname, '../fixtures/photo.heic'))
  await importOne(page, { name: 'photo.heic', mimeType: 'image/heic', buffer })
  const [stored] = await app.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
  expect(stored).toMatchObject({ width: 320, height: 240 })
  const meta = await sharp(readFileSync(join(app.dataDir, 'photos', `${stored!.sha256}.jpg`))).metadata()
  expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 })
  await page.getByRole('button', { name: /^Open photo: Face, front/ }).click()
  await expect(page.getByRole('dialog').getByRole('img', { name: /Face, front/ })).toBeVisible()
})

test('drops photos on the drop zone', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await openPhotosStep(page, app, consult)
  const file = await photo('#c08060', 'dropped.jpg')
  const transfer = await page.evaluateHandle(
    ({ bytes, name }) => {
      const data = new DataTransfer()
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' }))
      return data
    },
    { bytes: [...file.buffer], name: file.name }
  )
  await page.getByRole('group', { name: 'Drop photos here' }).dispatchEvent('drop', { dataTransfer: transfer })
  await expect(page.getByRole('button', { name: /^Open photo: Face, front/ })).toHaveCount(1)
})

/** The data URL the service gives for a photo's stored file: what a pane or the ghost must show to be that photo. */
const srcOf = async (app: WebApp, photo: PhotoSummary) =>
  (await app.call<PhotoImage>('photos.get', { id: photo.id })).src

/** Chooses, in a date picker, the option whose text holds `day` ("Apr 10, 2026"), as a person reading them would. */
async function pickDate(picker: Locator, day: string): Promise<void> {
  const label = (await picker.locator('option').allTextContents()).find((text) => text.includes(day))
  expect(label, `an option on ${day}`).toBeDefined()
  await picker.selectOption({ label: label! })
}

test('compares photos of two consults on the dates picked, side by side and as an overlay, zoom in step', async ({
  page,
  app
}) => {
  const first = await patientWithConsult(app, 'Ada Lovelace')
  const january = await addPhoto(app, first.id, await picture('#d09070'), { takenAt: '2026-01-10T10:00:00.000Z' })
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  await app.call('consults.sign', { id: first.id, practitionerId: practitioner!.id, pin: PIN })
  const second = await app.call<Consult>('consults.create', { patientId: first.patientId })
  const april = await addPhoto(app, second.id, await picture('#b07050'), { takenAt: '2026-04-10T10:00:00.000Z' })
  const june = await addPhoto(app, second.id, await picture('#603020'), { takenAt: '2026-06-10T10:00:00.000Z' })
  await addPhoto(app, second.id, await picture('#304050'), { view: 'close-up', takenAt: '2026-07-10T10:00:00.000Z' })

  await page.goto(`${app.url}#/patients/${first.patientId}`)
  await unlock(page) // a new load starts locked
  const compare = page.getByRole('region', { name: 'Compare photos' })
  await expect(compare.getByLabel('Area', { exact: true })).toHaveValue('face')
  await expect(compare.getByLabel('View', { exact: true })).toHaveValue('front')
  const beforePicker = compare.getByLabel('Before', { exact: true })
  const afterPicker = compare.getByLabel('After', { exact: true })
  await expect(beforePicker.locator('option')).toHaveCount(3)
  const before = compare.getByRole('img', { name: /^Before:/ })
  const after = compare.getByRole('img', { name: /^After:/ })

  // The first consult's January photo against the second consult's April one, picked by date.
  await pickDate(beforePicker, 'Jan 10, 2026')
  await pickDate(afterPicker, 'Apr 10, 2026')
  await expect(before).toHaveAttribute('src', (await srcOf(app, january))!)
  await expect(after).toHaveAttribute('src', (await srcOf(app, april))!)
  await expect(before).toHaveAccessibleName(/^Before: Face, front, Jan 10, 2026/)
  await expect(after).toHaveAccessibleName(/^After: Face, front, Apr 10, 2026/)
  expect(await before.getAttribute('src')).not.toBe(await after.getAttribute('src'))

  // Another pick changes only its own pane.
  await pickDate(afterPicker, 'Jun 10, 2026')
  await expect(after).toHaveAttribute('src', (await srcOf(app, june))!)
  await expect(before).toHaveAttribute('src', (await srcOf(app, january))!)
  await expect(compare.getByText('After: Jun 10, 2026')).toBeVisible()

  await compare.getByRole('button', { name: 'Zoom in' }).click()
  await compare.getByRole('button', { name: 'Zoom in' }).click()
  const transforms = () =>
    compare.getByRole('img').evaluateAll((images) => images.map((img) => (img as HTMLElement).style.transform))
  const zoomed = await transforms()
  expect(zoomed[0]).toContain('scale(1.5625)')
  expect(new Set(zoomed).size).toBe(1)

  const frame = compare.getByRole('group', { name: /^Before photo/ })
  const box = (await frame.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 4 })
  await page.mouse.up()
  const panned = await transforms()
  expect(panned[0]).toContain('translate(60px, 30px)')
  expect(new Set(panned).size).toBe(1)

  await compare.getByLabel('Overlay').check()
  await expect(before).toHaveAttribute('src', (await srcOf(app, january))!)
  await expect(after).toHaveAttribute('src', (await srcOf(app, june))!)
  await compare.getByLabel(/After shown across/).fill('30')
  await expect(after.locator('..')).toHaveAttribute('style', /inset\(0px 70% 0px 0px\)/)
  await page.screenshot({ path: 'test-results/photos-compare.png', fullPage: true })
})

test('a signed consult’s photos cannot be deleted', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await openPhotosStep(page, app, consult)
  await importOne(page, await photo('#c08060', 'kept.jpg'))
  const [kept] = await app.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  await app.call('consults.sign', { id: consult.id, practitionerId: practitioner!.id, pin: PIN })

  await page.goto(`${app.url}#/consults/${consult.id}/guide`)
  await unlock(page) // a new load starts locked
  await expect(page.getByRole('button', { name: /^Open photo: Face, front/ })).toHaveCount(1)
  await expect(page.getByRole('button', { name: /^Remove photo/ })).toHaveCount(0)
  await expect(page.getByText(/its photos are part of the record and can’t be removed/)).toBeVisible()
  await expect(app.call('photos.remove', { id: kept!.id })).rejects.toThrow(/signed/)
  expect(await app.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })).toHaveLength(1)
})

test('captures from the camera with the last photo as a ghost over the live picture', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await openPhotosStep(page, app, consult)
  await page.getByRole('button', { name: 'Take photos with the camera' }).click()
  const camera = page.getByRole('region', { name: 'Camera' })
  await expect(camera.getByText('No earlier photo of this area and view to line up with.')).toBeVisible()
  await camera.getByRole('button', { name: 'Take photo' }).click()
  // The fake camera gives frames of up to 4096 × 3072: re-encoding one takes seconds on a busy machine.
  await expect(camera.getByRole('status')).toContainText('Saved: Face, front', { timeout: 20_000 })
  await expect(page.getByRole('button', { name: /^Open photo: Face, front/ })).toHaveCount(1)

  const ghost = camera.getByRole('img', { name: 'Ghost of the previous shot of this area and view' })
  await expect(ghost).toBeVisible()
  await expect(ghost).toHaveCSS('opacity', '0.4')
  await camera.getByLabel(/Last photo over the camera/).fill('70')
  await expect(ghost).toHaveCSS('opacity', '0.7')
  await expect(camera.locator('.grid-lines')).toHaveCount(1)
  await camera.getByLabel('Grid lines').uncheck()
  await expect(camera.locator('.grid-lines')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/photos-capture.png', fullPage: true })
  await camera.getByRole('button', { name: 'Close the camera' }).click()
  await expect(camera).toHaveCount(0)
})

test('the ghost is the latest earlier photo of the same area and view, not a newer one of another view or area', async ({
  page,
  app
}) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await addPhoto(app, consult.id, await picture('#907060'), { takenAt: '2026-01-10T10:00:00.000Z' })
  const latestFront = await addPhoto(app, consult.id, await picture('#b08070'), { takenAt: '2026-03-10T10:00:00.000Z' })
  await addPhoto(app, consult.id, await picture('#405060'), { area: 'neck', takenAt: '2026-04-10T10:00:00.000Z' })
  const closeUp = await addPhoto(app, consult.id, await picture('#203040'), {
    view: 'close-up',
    takenAt: '2026-05-10T10:00:00.000Z'
  })

  await openPhotosStep(page, app, consult)
  await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Face' })
  await page.getByLabel('View', { exact: true }).selectOption({ label: 'Front' })
  await page.getByRole('button', { name: 'Take photos with the camera' }).click()
  const camera = page.getByRole('region', { name: 'Camera' })
  const ghost = camera.getByRole('img', { name: 'Ghost of the previous shot of this area and view' })
  await expect(ghost).toHaveAttribute('src', (await srcOf(app, latestFront))!)

  await page.getByLabel('View', { exact: true }).selectOption({ label: 'Close-up' })
  await expect(ghost).toHaveAttribute('src', (await srcOf(app, closeUp))!)
  await page.getByLabel('View', { exact: true }).selectOption({ label: 'Left 45°' })
  await expect(ghost).toHaveCount(0)
  await expect(camera.getByText('No earlier photo of this area and view to line up with.')).toBeVisible()
})

test('presentation mode shows no photo, even of a patient with photos, one of them picked for the handout', async ({
  page,
  app
}) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  const picked = await addPhoto(app, consult.id, await picture('#b08070'), { takenAt: '2026-03-10T10:00:00.000Z' })
  await addPhoto(app, consult.id, await picture('#405060'), { view: 'close-up', takenAt: '2026-03-10T10:05:00.000Z' })
  await app.call('photos.pickForHandout', { id: picked.id, picked: true })
  const photosShown = page.locator('img[src^="data:image/jpeg"]:visible')

  await openPhotosStep(page, app, consult)
  await expect(photosShown).toHaveCount(2)
  await page
    .getByRole('navigation', { name: 'Consult steps' })
    .getByRole('link', { name: /^Guide/ })
    .click()
  await page.getByRole('button', { name: 'Present to patient' }).click()
  const next = page.getByRole('button', { name: 'Next', exact: true })
  for (let screen = 1; ; screen++) {
    await expect(page.getByRole('button', { name: 'End presentation' })).toBeVisible()
    await expect(photosShown, `screen ${screen}`).toHaveCount(0)
    await expect(page.locator('img:visible'), `screen ${screen}`).toHaveCount(0)
    await expect(page.getByText('Ada Lovelace').filter({ visible: true })).toHaveCount(0)
    if (await next.isDisabled()) break
    await next.click()
  }
  await endPresentation(page)
})

test('exports with photos as a zip, and importing it elsewhere brings every photo back, twice adding nothing', async ({
  page,
  app
}, testInfo) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await openPhotosStep(page, app, consult)
  await importOne(page, await photo('#c08060', 'front.jpg'))
  await importOne(page, await photo('#a07050', 'close.jpg'), 'Close-up')
  const exported = await app.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  await app.call('consults.sign', { id: consult.id, practitionerId: practitioner!.id, pin: PIN })

  await page.goto(`${app.url}#/settings`)
  await unlock(page) // a new load starts locked
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export all consults as JSON' }).click()
  ])
  expect(download.suggestedFilename()).toMatch(/\.zip$/)
  const zipPath = testInfo.outputPath('export.zip')
  await download.saveAs(zipPath)
  await expect(
    page.getByRole('status').filter({ hasText: 'Exported 1 consult, with their photos beside them in a zip file.' })
  ).toBeVisible()

  const dir = makeTempDir('mnc-e2e-')
  const other = new WebApp(dir.path)
  try {
    await other.start()
    // Another clinic's practitioner: a key claiming one of this clinic's own practitioners would be refused.
    await other.call('setup.complete', { clinicName: 'Other Clinic', practitionerName: 'Dr Other Clinic', pin: PIN })
    await page.goto(`${other.url}#/settings`)
    await unlock(page) // a new load starts locked
    await page.getByLabel('Import an export (JSON or zip)').setInputFiles(zipPath)
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'Imported 1 consult; 0 were already here. Photos: 2 added, 0 already here.' })
    ).toBeVisible()
    await page.getByLabel('Import an export (JSON or zip)').setInputFiles(zipPath)
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'Imported 0 consults; 1 was already here. Photos: 0 added, 2 already here.' })
    ).toBeVisible()

    const restored = await other.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
    expect(restored.map(({ thumb: _t, ...p }) => p)).toEqual(exported.map(({ thumb: _t, ...p }) => p))
    for (const p of restored) expect(await other.call('photos.get', { id: p.id })).toMatchObject({ integrity: 'ok' })
    await page.goto(`${other.url}#/consults/${consult.id}/guide`)
    await unlock(page) // a new load starts locked
    await expect(page.getByRole('button', { name: /^Open photo: Face/ })).toHaveCount(2)
  } finally {
    await other.stop()
    dir.remove()
  }
})

test('a photo whose file changed shows a warning when it is opened', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  await openPhotosStep(page, app, consult)
  await importOne(page, await photo('#c08060', 'face.jpg'))
  const [stored] = await app.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
  const file = join(app.dataDir, 'photos', `${stored!.sha256}.jpg`)
  const bytes = readFileSync(file)
  bytes[bytes.length - 20] = (bytes[bytes.length - 20]! + 1) % 256
  writeFileSync(file, bytes)

  await page.getByRole('button', { name: /^Open photo/ }).click()
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('no longer matches the fingerprint (SHA-256)')
})

test('photos added with an amendment to a signed consult show under it, signed and kept', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  await app.call('consults.sign', { id: consult.id, practitionerId: practitioner!.id, pin: PIN })

  await page.goto(`${app.url}#/consults/${consult.id}/guide`)
  await unlock(page) // a new load starts locked
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByRole('button', { name: 'Add an amendment…' }).click()
  await page.getByLabel('Amendment text').fill('Three months on: texture smoother.')
  await page.getByLabel('View', { exact: true }).last().selectOption({ label: 'Left 45°' })
  await page.getByLabel('Amendment photo files').setInputFiles(await photo('#a07060', 'three-months.jpg'))
  await expect(page.getByRole('list', { name: 'Photos to add' })).toContainText('three-months.jpg — Face, left 45°')
  await page.screenshot({ path: 'test-results/photos-amendment-1280.png', fullPage: true })
  await page.getByLabel('PIN').fill(PIN)
  await page.getByRole('button', { name: 'Add amendment' }).click()

  const amendment = page.getByRole('region', { name: 'Amendments' }).getByRole('listitem')
  await expect(amendment.getByText('Three months on: texture smoother.')).toBeVisible()
  await expect(amendment.getByRole('button', { name: /^Open photo: Face, left 45°/ })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Remove photo/ })).toHaveCount(0)
  const [added] = await app.call<PhotoSummary[]>('photos.forConsult', { consultId: consult.id })
  expect(added!.amendmentId).not.toBeNull()
  await expect(app.call('photos.remove', { id: added!.id })).rejects.toThrow(/signed/)
  expect(await app.call('consults.get', { id: consult.id })).toMatchObject({ integrity: 'ok' })
  await page.setViewportSize({ width: 768, height: 1024 })
  await page.screenshot({ path: 'test-results/photos-amendment-768.png', fullPage: true })
})

test('without the photography consent, an amendment offers no photos and says why', async ({ page, app }) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace', { consent: false })
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  await app.call('consults.sign', { id: consult.id, practitionerId: practitioner!.id, pin: PIN })
  await page.goto(`${app.url}#/consults/${consult.id}/guide`)
  await unlock(page) // a new load starts locked
  await page.getByRole('button', { name: 'Add an amendment…' }).click()
  await expect(page.getByText(/Photos can be added only once the patient’s photography consent/)).toBeVisible()
  await expect(page.getByLabel('Amendment photo files')).toHaveCount(0)
})

test('a photo picked for the handout is on it, printed; one not picked is not', async ({ page, app }, testInfo) => {
  const consult = await patientWithConsult(app, 'Ada Lovelace')
  const other = await patientWithConsult(app, 'Grace Hopper')
  const { settings } = await app.call<{ settings: Record<string, unknown> }>('settings.get')
  await app.call('settings.save', { ...settings, clinicName: 'Harbour Skin Clinic', phone: '+44 117 496 0000' })
  await openPhotosStep(page, app, other)
  await importOne(page, await photo('#203040', 'theirs.jpg'))
  await page.getByRole('checkbox', { name: /^Show in handout: Face, front/ }).check()

  await openPhotosStep(page, app, consult)
  await importOne(page, await photo('#c08060', 'picked.jpg'))
  await importOne(page, await photo('#806040', 'not-picked.jpg'), 'Close-up')
  const pick = page.getByRole('checkbox', { name: /^Show in handout: Face, front/ })
  await pick.check()
  await expect(pick).toBeChecked()
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: 'test-results/photos-handout-pick-1280.png', fullPage: true })
  await page.setViewportSize({ width: 768, height: 1024 })
  await page.screenshot({ path: 'test-results/photos-handout-pick-768.png', fullPage: true })

  await page.evaluate((hash) => (location.hash = hash), `#/handout/${consult.id}`)
  const sheet = page.getByRole('article', { name: 'Handout' })
  await expect(sheet.getByRole('heading', { name: 'Your photos' })).toBeVisible()
  await expect(sheet.getByRole('img', { name: /^Photo: / })).toHaveCount(1)
  await expect(sheet.getByRole('img', { name: /^Photo: Face, front, / })).toBeVisible()
  await expect(sheet.getByText(/close-up/)).toHaveCount(0)
  const pdfPath = testInfo.outputPath('handout-photos.pdf')
  const pdf = await pdfOf(page, pdfPath)
  expect(pdf.text).toContain('Your photos')
  expect(pdf.text).toMatch(/Face, front, /)
  expect(pdf.text).not.toContain('close-up')
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, 'test-results/photos-handout-pdf'])

  // Taking the pick back takes the photo off the handout.
  await openPhotosStep(page, app, consult)
  await page.getByRole('checkbox', { name: /^Show in handout: Face, front/ }).uncheck()
  await expect(page.getByRole('checkbox', { name: /^Show in handout: Face, front/ })).not.toBeChecked()
  await page.evaluate((hash) => (location.hash = hash), `#/handout/${consult.id}`)
  await expect(page.getByRole('article', { name: 'Handout' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Your photos' })).toHaveCount(0)
})
