import type { z } from 'zod'
import {
  fail,
  findCall,
  ok,
  ServiceError,
  type Answer,
  type CallContext,
  type HandlerContext,
  type Handlers,
  type Result
} from '../contract'
import type { Sessions } from './sessions'

type AnyHandler = (input: unknown, context: HandlerContext) => unknown

export type Dispatch = (channel: string, input: unknown, context?: CallContext) => Promise<Answer<unknown>>

const locked = (): Result<never> =>
  fail({ code: 'locked', message: 'The app is locked. Unlock it with your PIN, then try again.' })

/** Turns zod's issues into one readable sentence plus a message per field. */
export function describeInvalidInput(error: z.ZodError): Result<never> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(input)'
    fields[key] ??= issue.message
  }
  const messages = [...new Set(Object.values(fields))]
  return fail({ code: 'invalid_input', message: messages.join(' '), fields })
}

/**
 * The one gate every call passes through, from IPC and from the browser bridge alike:
 * find the call in the contract, parse its input, run the handler, and turn whatever
 * happens into a typed result. Unexpected errors are logged, never sent in full.
 */
export function createDispatch(
  handlers: Handlers,
  sessions: Sessions,
  log: (error: unknown) => void = console.error
): Dispatch {
  return async (channel, raw, context = {}) => {
    const call = findCall(channel)
    if (!call) return fail({ code: 'unknown_call', message: `There is no call named "${String(channel)}".` })

    // The lock comes first: a locked caller learns nothing, not even whether its input was valid.
    const practitioner = sessions.check(context.session)
    if (!practitioner && !call.whileLocked) return locked()

    const parsed = call.input.safeParse(raw)
    if (!parsed.success) return describeInvalidInput(parsed.error)

    const [group, method] = channel.split('.') as [string, string]
    const handler = (handlers as unknown as Record<string, Record<string, AnyHandler>>)[group]![method]!
    let opened: string | undefined
    const handlerContext: HandlerContext = {
      sender: context.sender,
      practitioner,
      openSession: (who) => (opened = sessions.open(who)),
      endSession: () => sessions.close(context.session)
    }
    try {
      const value = await handler(parsed.data, handlerContext)
      return opened ? { ...ok(value), session: opened } : ok(value)
    } catch (error) {
      if (error instanceof ServiceError) {
        return fail({ code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) })
      }
      if (isReadOnlyRefusal(error)) {
        return fail({
          code: 'unsupported',
          message:
            'The database failed its check at start, so the app does not use it. Restore the latest good backup in Settings → Backups.'
        })
      }
      log(error)
      return fail({
        code: 'internal',
        message: 'Something went wrong while doing that. Please try again; if it keeps happening, restart the app.'
      })
    }
  }
}

/** SQLite refusing a write to (or a read of) a database found damaged at start. */
const isReadOnlyRefusal = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && /^SQLITE_(READONLY|CORRUPT|NOTADB)/.test(String(error.code))
