import { z } from 'zod'

/**
 * Text that SQLite's checks read as written: no NUL characters, which SQLite's `length()`
 * and `trim()` stop at, so "\0x" would pass the schema and then fail a CHECK.
 */
export const withoutNul = <T extends z.ZodString>(schema: T, what: string) =>
  schema.refine((value) => !value.includes('\u0000'), { error: `${what} cannot contain a NUL character.` })
