import { expect, type Page } from '@playwright/test'
import type { Consult, Patient, Practitioner, SettingsState } from '../../electron/contract'
import type { WebApp } from '../support/web-app'
import { PIN, unlock } from './fixtures'
import { addPhoto, consentToPhotos, picture } from './photo-helpers'

/** The records every screen is shown with: a filled-in clinic, a patient with a draft and a signed consult, both with photos. */
export interface Seeded {
  readonly patient: Patient
  readonly draft: Consult
  readonly signed: Consult
}

export async function seedClinic(app: WebApp): Promise<Seeded> {
  const { settings } = await app.call<SettingsState>('settings.get')
  await app.call('settings.save', {
    ...settings,
    clinicName: 'Harbour Skin Clinic',
    address: '12 Quay Street\nBristol BS1 4DJ',
    phone: '+44 117 496 0000'
  })
  for (const name of ['Grace Hopper', 'Katherine Johnson', 'Mary Jackson', 'Dorothy Vaughan']) {
    await app.call('patients.create', { fullName: name })
  }
  const patient = await app.call<Patient>('patients.create', {
    fullName: 'Ada Lovelace-Montgomery',
    dateOfBirth: '1985-12-10',
    phone: '+44 20 7946 0000',
    email: 'ada.lovelace@example.com',
    fitzpatrick: 2,
    notes: 'Prefers morning appointments.'
  })
  const [practitioner] = await app.call<Practitioner[]>('practitioners.list')
  const draftFor = (consult: Consult, notes: string) => ({
    consultedAt: consult.consultedAt,
    practitioner: practitioner!.name,
    areas: [
      {
        areaId: 'face',
        concerns: ['acne-scars', 'fine-lines'],
        severity: 'moderate',
        note: 'Rolling scars on both cheeks.'
      },
      { areaId: 'neck', concerns: ['fine-lines'], severity: 'mild' }
    ],
    screening: [{ questionId: 'skin-cancer', answer: 'unsure', note: 'Mole checked last year.' }],
    plan: {
      sessions: 4,
      intervalWeeks: 4,
      customised: false,
      addOns: [],
      timeline: '',
      priceQuote: '4 sessions, 900 in total'
    },
    notes
  })
  const signed = await app.call<Consult>('consults.create', { patientId: patient.id })
  await app.call('consults.saveDraft', { id: signed.id, draft: draftFor(signed, 'First consult, signed.') })
  await consentToPhotos(app, signed.id, patient.fullName)
  await addPhoto(app, signed.id, await picture('#c08f70'), { takenAt: '2026-03-02T10:00:00.000Z' })
  await addPhoto(app, signed.id, await picture('#a87860'), { view: 'close-up', takenAt: '2026-03-02T10:05:00.000Z' })
  await addPhoto(app, signed.id, await picture('#b88a6a'), { area: 'neck', takenAt: '2026-03-02T10:10:00.000Z' })
  await app.call('consults.sign', {
    id: signed.id,
    practitionerId: practitioner!.id,
    pin: PIN,
    overrideReason: 'Mole seen by her GP last month; the area is clear.'
  })
  await app.call('consults.amend', {
    id: signed.id,
    practitionerId: practitioner!.id,
    pin: PIN,
    text: 'Patient called: prefers mornings.'
  })
  const draft = await app.call<Consult>('consults.create', { patientId: patient.id })
  await app.call('consults.saveDraft', { id: draft.id, draft: draftFor(draft, 'Second consult, still a draft.') })
  await addPhoto(app, draft.id, await picture('#b48468'), { takenAt: '2026-06-02T10:00:00.000Z' })
  return { patient, draft, signed }
}

/** One state of the app a user can reach: how to get there from anywhere. */
export interface Screen {
  readonly name: string
  readonly open: (page: Page, seeded: Seeded) => Promise<void>
}

async function goTo(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((target) => (location.hash = target), hash)
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
  await expect(page.getByText('Loading…')).toHaveCount(0)
}

const steps = [
  ['guide', 'Guide'],
  ['areas', 'Areas'],
  ['screening', 'Screening'],
  ['plan', 'Plan & notes'],
  ['photos', 'Photos'],
  ['review', 'Review & sign']
] as const

/** Every screen of the app, in the order a clinic meets them. */
export const screens: readonly Screen[] = [
  { name: 'patients', open: (page) => goTo(page, '#/patients', 'Patients') },
  { name: 'new-patient', open: (page) => goTo(page, '#/patients/new?name=Hedy%20Lamarr', 'Add a patient') },
  { name: 'patient', open: (page, s) => goTo(page, `#/patients/${s.patient.id}`, s.patient.fullName) },
  {
    name: 'patient-editing',
    open: async (page, s) => {
      await goTo(page, `#/patients/${s.patient.id}`, s.patient.fullName)
      await page.getByRole('button', { name: 'Edit details' }).click()
      await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible()
    }
  },
  ...steps.map(([step, heading]) => ({
    name: `consult-${step}`,
    open: async (page: Page, s: Seeded) => {
      await goTo(page, `#/consults/${s.draft.id}/${step}`, /^Consult/)
      await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible()
    }
  })),
  { name: 'signed-consult', open: (page, s) => goTo(page, `#/consults/${s.signed.id}/guide`, /^Consult/) },
  { name: 'past-consults', open: (page) => goTo(page, '#/consults', 'Past consults') },
  { name: 'guide', open: (page) => goTo(page, '#/guide', 'Patient guide') },
  {
    name: 'guide-last-screen',
    open: async (page) => {
      await goTo(page, '#/guide', 'Patient guide')
      await page.getByRole('button', { name: /^Go to screen 7/ }).click()
    }
  },
  { name: 'handout', open: (page, s) => goTo(page, `#/handout/${s.draft.id}`, 'Handout') },
  { name: 'general-handout', open: (page) => goTo(page, '#/handout/general', 'General handout') },
  { name: 'settings', open: (page) => goTo(page, '#/settings', 'Settings') }
]

/** States that cover the app or open over it: presentation, the lock screen, and the dialogs. */
export const overlays: readonly Screen[] = [
  {
    name: 'presentation',
    open: async (page) => {
      await goTo(page, '#/guide', 'Patient guide')
      await page.getByRole('button', { name: 'Present to patient' }).click()
      await expect(page.getByRole('button', { name: 'End presentation' })).toBeVisible()
    }
  },
  {
    name: 'end-presentation-dialog',
    open: async (page) => {
      await goTo(page, '#/guide', 'Patient guide')
      await page.getByRole('button', { name: 'Present to patient' }).click()
      await page.getByRole('button', { name: 'End presentation' }).click()
      await expect(page.getByRole('dialog', { name: 'End the presentation?' })).toBeVisible()
    }
  },
  {
    name: 'lock-screen',
    open: async (page) => {
      await goTo(page, '#/patients', 'Patients')
      await page.getByRole('button', { name: 'Lock now' }).click()
      await expect(page.getByLabel('PIN')).toBeVisible()
    }
  },
  {
    name: 'leave-dialog',
    open: async (page) => {
      await goTo(page, '#/settings', 'Settings')
      await page.getByLabel('Clinic name').fill('Harbour Skin Clinic and Spa')
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click()
      await expect(page.getByRole('dialog', { name: 'Leave without saving?' })).toBeVisible()
    }
  },
  {
    name: 'sign-dialog',
    open: async (page, s) => {
      await goTo(page, `#/consults/${s.draft.id}/review`, /^Consult/)
      await page.getByRole('button', { name: 'Sign consult' }).click()
      await expect(page.getByRole('dialog', { name: 'Sign this consult?' })).toBeVisible()
    }
  },
  {
    name: 'restore-dialog',
    open: async (page) => {
      await goTo(page, '#/settings', 'Settings')
      await page.getByRole('button', { name: 'Back up now' }).click()
      await page
        .getByRole('button', { name: /^Restore/ })
        .first()
        .click()
      await expect(page.getByRole('dialog', { name: 'Restore this backup?' })).toBeVisible()
    }
  }
]

/** Seeds the clinic, then opens every screen and overlay in turn from a fresh page and hands each to `check`. */
export async function visitEveryScreen(
  page: Page,
  app: WebApp,
  check: (screen: Screen) => Promise<void>
): Promise<void> {
  const seeded = await seedClinic(app)
  for (const screen of [...screens, ...overlays]) {
    await page.goto(app.url)
    await unlock(page) // a new load starts locked
    await screen.open(page, seeded)
    await check(screen)
  }
}
