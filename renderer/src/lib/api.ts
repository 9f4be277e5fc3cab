import type { Api, Result } from '../../../electron/contract'
import { auditFeed } from './audit-feed.svelte'
import { createBridgeApi } from './bridge'
import { callsByName } from './calls-by-name'

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
  const calls = raw as unknown as Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>>
  return callsByName(async (channel, input) => {
    const [group, method] = channel.split('.') as [string, string]
    const result = await calls[group]![method]!(input)
    if (result.ok) auditFeed.noteCall(channel)
    else if (result.error.code === 'locked') for (const listener of lockListeners) listener()
    return result
  })
}

/** The one way the UI talks to the main process: the preload's `window.api`, or the bridge. */
export const api: Api = watched(window.api ?? createBridgeApi())
