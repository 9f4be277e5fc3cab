import { channels, type Api, type Result } from '../../../electron/contract'
import { auditFeed } from './audit-feed.svelte'
import { createBridgeApi } from './bridge'

type Call = (input?: unknown) => Promise<Result<unknown>>

/** Wraps every call so that a successful one is noted for the audit log on screen. */
function notingCalls(raw: Api): Api {
  const wrapped: Record<string, Record<string, Call>> = {}
  for (const channel of channels) {
    const [group, method] = channel.split('.') as [string, string]
    const call = (raw as unknown as Record<string, Record<string, Call>>)[group]![method]!
    wrapped[group] ??= {}
    wrapped[group][method] = async (input) => {
      const result = await call(input)
      if (result.ok) auditFeed.noteCall(channel)
      return result
    }
  }
  return wrapped as unknown as Api
}

/** The one way the UI talks to the main process: the preload's `window.api`, or the bridge. */
export const api: Api = notingCalls(window.api ?? createBridgeApi())
