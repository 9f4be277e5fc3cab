// The export file's format and the import's batch sizes, shared with the page: no zod here.

/**
 * The largest request the browser bridge accepts. One consult at its largest (notes, 500
 * amendments of 5,000 characters) fits; the renderer sizes import batches well below it.
 */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024
/** What the renderer aims an import batch at, in bytes of JSON. */
export const IMPORT_BATCH_BYTES = 512 * 1024

export const EXPORT_FORMAT = 'microneedling-consult-export'
/** 2: signatures and the public keys that check them. Version 1 files still import. */
export const EXPORT_VERSION = 2
