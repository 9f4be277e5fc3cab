import type { Spelling } from '../../../content/lists'
import type { ClinicSettings } from '../../../electron/contract'

/** The clinic's locale from Settings: the spelling patients read, and whether to mention insurance. */
class ClinicLocale {
  spelling = $state<Spelling>('uk')
  mentionInsurance = $state(false)

  use(settings: Pick<ClinicSettings, 'spelling' | 'mentionInsurance'>): void {
    this.spelling = settings.spelling
    this.mentionInsurance = settings.mentionInsurance
  }
}

export const locale = new ClinicLocale()
