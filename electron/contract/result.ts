export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  /** The app is locked (or its session ran out): unlock with a PIN, then try again. */
  | 'locked'
  | 'conflict'
  | 'unknown_call'
  | 'unsupported'
  | 'internal'

export interface AppError {
  readonly code: ErrorCode
  /** A sentence the renderer can show as it is. */
  readonly message: string
  /** Per-field messages, keyed by the input's field name, for errors shown next to a field. */
  readonly fields?: Readonly<Record<string, string>>
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError }

/**
 * A result as it travels from the main process to the page: a call that unlocked the app
 * carries the new session's secret beside the value, for the transport to keep in memory.
 */
export type Answer<T> = Result<T> & { readonly session?: string }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (error: AppError): Result<never> => ({ ok: false, error })

/** Thrown by a service handler for an expected failure; becomes `{ ok: false, error }`. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Readonly<Record<string, string>>
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}
