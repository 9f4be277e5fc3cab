import type { Database } from 'better-sqlite3'

/** A handle that may only be read from. */
export type ReadableDB = Database & { readonly __readable: never }
/** A handle that may also be written to; hand it only to code that must write. */
export type WritableDB = ReadableDB & { readonly __writable: never }
