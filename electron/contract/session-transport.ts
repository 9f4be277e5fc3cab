import type { Answer, Result } from './result'

export type SessionSend = (channel: string, input: unknown, session: string | undefined) => Promise<Answer<unknown>>

/**
 * The page's side of a session: keeps the secret that unlocking returned, in this closure
 * only (never in storage, so a reload, a new tab or a new window starts locked), sends it
 * with every call, and forgets it when the app locks. The UI sees plain results.
 */
export function keepSession(send: SessionSend): (channel: string, input: unknown) => Promise<Result<unknown>> {
  let secret: string | undefined
  return async (channel, input) => {
    const { session, ...result } = await send(channel, input, secret)
    if (session) secret = session
    if (channel === 'session.lock' || (!result.ok && result.error.code === 'locked')) secret = undefined
    return result as Result<unknown>
  }
}
