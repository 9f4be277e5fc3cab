import { channels, type Api, type Result } from '../../../electron/contract'
import { auditFeed } from './audit-feed.svelte'
import { createBridgeApi } from './bridge'

type Call = (input?: unknown) => Promise<Result<unknown>>

const lockListeners = new Set<() => void>()

/** Runs `listener` whenever the main process answers "locked" (the session ended there). */
export function onLocked(listener: () => void): void {
  lockListeners.add(listener)
}

/**
 * Wraps every call: a "locked" answer tells the lock listeners (the session ended in the
 * main process), and a successful one is noted for the audit log on screen.
 */
function watched(raw: Api): Api {
  const wrapped: Record<string, Record<string, Call>> = {}
  for (const channel of channels) {
    const [group, method] = channel.split('.') as [string, string]
    const call = (raw as unknown as Record<string, Record<string, Call>>)[group]![method]!
    wrapped[group] ??= {}
    wrapped[group][method] = async (input) => {
      const result = await call(input)
      if (result.ok) auditFeed.noteCall(channel)
      else if (result.error.code === 'locked') for (const listener of lockListeners) listener()
      return result
    }
  }
  return wrapped as unknown as Api
}

/** The one way the UI talks to the main process: the preload's `window.api`, or the bridge. */
export const api: Api = watched(window.api ?? createBridgeApi())
