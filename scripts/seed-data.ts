import { generateKeyPairSync, randomUUID } from 'node:crypto'
import content from 'virtual:content'
import { insertAmendment } from '../db/queries/amendments'
import { consultToRow } from '../db/queries/consults'
import { patientToRow } from '../db/queries/patients'
import type { WritableDB } from '../db/types'
import {
  flagCounts,
  needsOverrideReason,
  type AreaEntry,
  type Consult,
  type Patient,
  type ScreeningAnswer
} from '../electron/contract'
import { insertSigningKey } from '../db/queries/signing-keys'
import { chainLink, signAmendment, signConsultRecord } from '../electron/service/record-signature'
import { reindexConsult } from '../electron/service/consult-index'
import { consultSubject } from '../electron/service/consults'
import { appendAudit } from '../db/queries/audit-log'

const FIRST = [
  'Ada',
  'Grace',
  'Katherine',
  'Dorothy',
  'Mary',
  'Hedy',
  'Rosalind',
  'Marie',
  'Lise',
  'Emmy',
  'Barbara',
  'Chien-Shiung',
  'Sofia',
  'Amara',
  'Yuki',
  'Leila',
  'Noor',
  'Ingrid',
  'Mateo',
  'Liam',
  'Omar',
  'Kenji',
  'Tomás',
  'Ravi',
  'Elena',
  'Zanele',
  'Freya',
  'Aoife',
  'Priya',
  'Hana'
]
const LAST = [
  'Lovelace',
  'Hopper',
  'Johnson',
  'Vaughan',
  'Jackson',
  'Lamarr',
  'Franklin',
  'Curie',
  'Meitner',
  'Noether',
  'McClintock',
  'Wu',
  'Kovalevskaya',
  'Okafor',
  'Tanaka',
  'Haddad',
  'Rahman',
  'Larsen',
  'García',
  'Murphy',
  'Farouk',
  'Sato',
  'Silva',
  'Patel',
  'Petrova',
  'Dlamini',
  'Nilsson',
  'Byrne',
  'Sharma',
  'Kim'
]
const PRACTITIONERS = ['Dr Amelia Hart', 'Dr Sam Okoye', 'Nurse Priya Nair', 'Dr Lena Vogel', 'Nurse Tom Reid']
const NOTES = [
  'Wants smoother cheeks before a wedding in the spring.',
  'Previous chemical peel two years ago with good tolerance.',
  'Concerned about downtime; works in a customer-facing role.',
  'Asked about combining with PRP; discussed evidence and cost.',
  'Stretch marks since pregnancy; realistic expectations discussed.',
  'Numbing cream preferred; anxious about needles.',
  'Uses retinol nightly; advised to pause five days before.',
  'Follow-up in six months to review collagen response.',
  'Interested in a course before summer; advised sun protection.',
  'Darker skin type; discussed pigment risk and test patch.'
]
const OVERRIDE_REASONS = [
  'Plan starts only once the answer no longer applies; dates to be set then.',
  'Checked with the patient’s doctor; treating areas away from the affected skin.'
]

const AMENDMENTS = [
  'Patient phoned: prefers morning appointments.',
  'Corrected interval: four weeks, not three.',
  'Added note after call: stopped isotretinoin eight months ago.'
]

/** A small seeded generator, so the same seed gives the same clinic. */
function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const some = <T>(list: readonly T[], max: number): T[] => {
    const count = 1 + Math.floor(next() * max)
    return [...new Set(Array.from({ length: count }, () => pick(list)))]
  }
  return { next, pick, some }
}

export interface SeedResult {
  readonly patients: number
  readonly consults: number
}

/** Fills `db` with realistic synthetic patients and consults (about three consults a patient). */
export function seed(db: WritableDB, consults: number, seedValue = 42): SeedResult {
  const rnd = random(seedValue)
  const patientCount = Math.max(1, Math.ceil(consults / 3))
  const insertPatient = db.prepare(
    'INSERT INTO patients (id, full_name, date_of_birth, phone, email, fitzpatrick, created_at, updated_at) VALUES (@id, @full_name, @date_of_birth, @phone, @email, @fitzpatrick, @created_at, @updated_at)'
  )
  const insertConsult = db.prepare(
    'INSERT INTO consults (id, patient_id, status, practitioner, consulted_at, areas, no_areas_note, screening, plan, notes, guide_shown, flag_count, do_not_treat_count, created_at, updated_at, signed_at, signed_by, content_hash, override_reason, signature, signing_key_id) VALUES (@id, @patient_id, @status, @practitioner, @consulted_at, @areas, @no_areas_note, @screening, @plan, @notes, @guide_shown, @flag_count, @do_not_treat_count, @created_at, @updated_at, @signed_at, @signed_by, @content_hash, @override_reason, @signature, @signing_key_id)'
  )
  const start = Date.parse('2019-01-01T09:00:00Z')
  const span = Date.parse('2026-11-01T09:00:00Z') - start

  // The synthetic practitioners sign with key pairs of their own, kept as public keys only:
  // nobody can sign as them later.
  const signers = new Map(
    PRACTITIONERS.map((name) => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519')
      const keyId = randomUUID()
      return [
        name,
        { keyId, privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }
      ]
    })
  )

  const patients: Patient[] = []
  db.transaction(() => {
    for (const [name, signer] of signers) {
      insertSigningKey(db, {
        id: signer.keyId,
        practitioner_id: randomUUID(),
        practitioner_name: name,
        public_key: signer.publicKey,
        private_key: null,
        origin: 'imported',
        created_at: new Date(start).toISOString(),
        retired_at: null
      })
    }
    for (let i = 0; i < patientCount; i++) {
      const stamp = new Date(start + rnd.next() * span).toISOString()
      const patient: Patient = {
        id: randomUUID(),
        fullName: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`,
        dateOfBirth: `${1950 + Math.floor(rnd.next() * 55)}-0${1 + Math.floor(rnd.next() * 9)}-1${Math.floor(rnd.next() * 9)}`,
        phone: rnd.next() < 0.7 ? `+44 7700 9${String(Math.floor(rnd.next() * 100000)).padStart(5, '0')}` : null,
        email: null,
        fitzpatrick: 1 + Math.floor(rnd.next() * 6),
        notes: null,
        createdAt: stamp,
        updatedAt: stamp
      }
      patients.push(patient)
      insertPatient.run(patientToRow(patient))
    }

    for (let i = 0; i < consults; i++) {
      const patient = rnd.pick(patients)
      const when = new Date(start + rnd.next() * span).toISOString()
      const areas: AreaEntry[] = rnd.some(content.areas, 3).map((area) => ({
        areaId: area.id,
        sides: area.sided ? rnd.some(['left', 'right'] as const, 2).sort() : [],
        zones: area.zones.length ? rnd.some(area.zones, 2) : [],
        concerns: rnd.some(content.concerns, 2).map((c) => c.id),
        severity: rnd.pick(['mild', 'moderate', 'marked'] as const),
        note: rnd.next() < 0.3 ? rnd.pick(NOTES) : ''
      }))
      const screening: ScreeningAnswer[] = content.screening
        .filter((q) => !q.retired)
        .map((q) => ({
          questionId: q.id,
          answer: rnd.next() < 0.985 ? 'no' : rnd.pick(['yes', 'unsure'] as const),
          note: ''
        }))
      const signed = rnd.next() < 0.85
      const consult: Consult = {
        id: randomUUID(),
        patientId: patient.id,
        status: signed ? 'signed' : 'draft',
        practitioner: rnd.pick(PRACTITIONERS),
        consultedAt: when,
        areas,
        noAreasNote: '',
        screening,
        plan: {
          sessions: 3 + Math.floor(rnd.next() * 3),
          intervalWeeks: 4,
          customised: false,
          addOns: rnd.next() < 0.2 ? ['prp'] : [],
          timeline: '',
          priceQuote: ''
        },
        notes: rnd.some(NOTES, 2).join(' '),
        guideShown: content.guide.slice(0, 1 + Math.floor(rnd.next() * content.guide.length)).map((s) => s.id),
        createdAt: when,
        updatedAt: when,
        signedAt: null,
        signedBy: null,
        contentHash: null,
        overrideReason: null,
        signature: null,
        signingKeyId: null
      }
      const signer = signers.get(consult.practitioner)!
      const withReason: Consult = {
        ...consult,
        overrideReason: needsOverrideReason(consult) ? rnd.pick(OVERRIDE_REASONS) : null
      }
      const final: Consult = signed
        ? {
            ...withReason,
            signedAt: when,
            signedBy: consult.practitioner,
            signingKeyId: signer.keyId,
            ...signConsultRecord(withReason, patient, when, consult.practitioner, signer.keyId, signer.privateKey, [])
          }
        : consult
      insertConsult.run(consultToRow(final, flagCounts(screening)))
      // The audit log a clinic's years of signing leave behind: start-up checks it, so it is here too.
      if (signed)
        appendAudit(
          db,
          { action: 'signed', actor: consult.practitioner, subject: consultSubject(db, final), detail: '' },
          new Date(when)
        )
      if (signed && rnd.next() < 0.05) {
        const createdAt = new Date(Date.parse(when) + 86_400_000).toISOString()
        const unsigned = {
          id: randomUUID(),
          consultId: final.id,
          author: final.practitioner,
          text: rnd.pick(AMENDMENTS),
          createdAt,
          signingKeyId: signer.keyId
        }
        insertAmendment(db, {
          ...unsigned,
          signature: signAmendment(unsigned, chainLink(final, []), signer.privateKey)
        })
        appendAudit(
          db,
          { action: 'amended', actor: final.practitioner, subject: consultSubject(db, final), detail: '' },
          new Date(createdAt)
        )
      }
      reindexConsult(db, final.id)
    }
  })()
  return { patients: patientCount, consults }
}
