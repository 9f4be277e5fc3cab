import { channels, type Api, type Result } from '../../../electron/contract'
import { createBridgeApi } from './bridge'

type Call = (input?: unknown) => Promise<Result<unknown>>

const lockListeners = new Set<() => void>()

/** Runs `listener` whenever the main process answers "locked" (the session ended there). */
export function onLocked(listener: () => void): void {
  lockListeners.add(listener)
}

function watchForLock(inner: Api): Api {
  const calls = inner as unknown as Record<string, Record<string, Call>>
  const watched: Record<string, Record<string, Call>> = {}
  for (const channel of channels) {
    const [group, method] = channel.split('.') as [string, string]
    watched[group] ??= {}
    watched[group][method] = async (input) => {
      const result = await calls[group]![method]!(input)
      if (!result.ok && result.error.code === 'locked') for (const listener of lockListeners) listener()
      return result
    }
  }
  return watched as unknown as Api
}

/** The one way the UI talks to the main process: the preload's `window.api`, or the bridge. */
export const api: Api = watchForLock(window.api ?? createBridgeApi())
