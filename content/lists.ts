// The fixed lists the content's schemas check against and the app reads: no zod here, so
// the page can import them without loading the schemas.

export const answers = ['yes', 'no', 'unsure'] as const

export const flagLevels = ['do-not-treat', 'judgement'] as const
export const precautions = ['pih'] as const

export const spellings = ['uk', 'us'] as const
export type Spelling = (typeof spellings)[number]
