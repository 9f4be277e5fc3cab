import { z } from 'zod'
import { clinicNameText } from './settings'
import { nameText } from './text'

export interface Practitioner {
  readonly id: string
  readonly name: string
  readonly active: boolean
}

const id = z.uuid({ error: 'That is not a valid practitioner id.' })
const name = nameText(120, 'Enter the practitioner’s name.')
/** 4 to 8 digits: quick to type on a touch screen, and slow hashing plus rate limits guard it. */
const pin = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.')

/** Changes to who may sign need the PIN of the practitioner who unlocked the app. */
const approverPin = pin
export const newPractitionerSchema = z.strictObject({ name, pin, approverPin })
export const renamePractitionerSchema = z.strictObject({ id, name, approverPin })
export const practitionerActiveSchema = z.strictObject({ id, active: z.boolean(), approverPin })
export const changePinSchema = z.strictObject({ id, currentPin: pin, newPin: pin })
export const verifyPinSchema = z.strictObject({ id, pin })
export const unlockSchema = z.strictObject({ id, pin })
export const setupSchema = z.strictObject({
  clinicName: clinicNameText,
  practitionerName: name,
  pin
})
export const signWithPinSchema = z.strictObject({ practitionerId: id, pin })

/** Who the unlocked session belongs to. */
export interface SessionPractitioner {
  readonly id: string
  readonly name: string
}

/** The answer to unlocking (and to first-run setup, which unlocks too). */
export interface Unlocked {
  readonly practitioner: SessionPractitioner
  /** The idle minutes after which the main process ends the session. */
  readonly idleMinutes: number
}

export interface SetupState {
  /** False until the first practitioner and the clinic's name are set. */
  readonly done: boolean
}
