import { consultSteps, type ConsultStep } from '../lib/router.svelte'

export const stepLabels: Record<ConsultStep, string> = {
  guide: 'Guide',
  areas: 'Areas',
  screening: 'Screening',
  plan: 'Plan & notes',
  photos: 'Photos',
  review: 'Review & sign'
}

/** The shortcut that opens each step, as `aria-keyshortcuts` writes it. */
export const stepShortcut = (step: ConsultStep): string => `Alt+${consultSteps.indexOf(step) + 1}`
export const NEXT_SHORTCUT = 'Alt+N'
export const BACK_SHORTCUT = 'Alt+B'

/** Shortcuts as people read them in a tooltip. */
export const readable = (shortcut: string): string => shortcut.replace('Alt+', 'Alt + ')

export function neighbour(step: ConsultStep, by: 1 | -1): ConsultStep | null {
  return consultSteps[consultSteps.indexOf(step) + by] ?? null
}

/** The step a key press asks for: Alt+1…6 a step, Alt+N the next, Alt+B the one before. */
export function stepForKey(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
  current: ConsultStep
): ConsultStep | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null
  const digit = /^Digit([1-9])$/.exec(event.code)
  if (digit) return consultSteps[Number(digit[1]) - 1] ?? null
  if (event.code === 'KeyN') return neighbour(current, 1)
  if (event.code === 'KeyB') return neighbour(current, -1)
  return null
}
