import { createHash } from 'node:crypto'

/** The photography consent form, as the content loader gives it. */
export interface PhotographyForm {
  readonly id: string
  readonly version: number
  readonly text: string
}

/** A `consents.sign` input: the photography consent, typed and agreed, "yes" (unless told) to photos in the clinical record. */
export const photoConsentInput = (
  form: PhotographyForm,
  who: { consultId: string; patientName: string; practitionerId: string; pin: string },
  clinicalRecord = true
) => ({
  ...who,
  formId: form.id,
  formVersion: form.version,
  textSha256: createHash('sha256').update(form.text).digest('hex'),
  choices: { 'clinical-record': clinicalRecord, teaching: false, marketing: false },
  signature: null,
  agreed: true
})
