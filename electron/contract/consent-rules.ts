import type { ConsentForm } from '../../content/schema'
import type { ConsentSummary } from './consents'
import type { Plan } from './consults'

// Which consent forms a plan needs and which are on file: shared with the page, so no schemas here.

const rank = (form: ConsentForm) => (form.when === 'always' ? 0 : form.when === 'photos' ? 2 : 1)

/**
 * The forms a consult's plan needs, in the order they are signed: the treatment form
 * always, add-on forms for chosen add-ons, the photo form when photos will be taken.
 */
export function formsForPlan(forms: readonly ConsentForm[], plan: Pick<Plan, 'addOns' | 'photos'>): ConsentForm[] {
  return forms
    .filter(
      (form) =>
        form.when === 'always' ||
        (form.when === 'photos' && plan.photos === true) ||
        (typeof form.when === 'object' && plan.addOns.includes(form.when.addOn))
    )
    .sort((a, b) => rank(a) - rank(b))
}

/** Whether a consent on file covers `form` for `consultId`: taken in that consult, or kept for the patient. */
export const covers = (consent: ConsentSummary, form: ConsentForm, consultId: string): boolean =>
  consent.formId === form.id &&
  consent.withdrawnAt === null &&
  (consent.scope === 'patient' || consent.consultId === consultId)

/** The forms `plan` needs that no consent on file covers. */
export const missingForms = (
  forms: readonly ConsentForm[],
  plan: Pick<Plan, 'addOns' | 'photos'>,
  onFile: readonly ConsentSummary[],
  consultId: string
): ConsentForm[] => formsForPlan(forms, plan).filter((form) => !onFile.some((c) => covers(c, form, consultId)))
