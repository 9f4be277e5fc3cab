export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
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
