import type { Api } from '../../../electron/contract'
import type { Envelope } from '../../../electron/contract/envelope'
import { fail, type Answer } from '../../../electron/contract/result'
import { keepSession } from '../../../electron/contract/session-transport'
import { callsByName } from './calls-by-name'

const TOKEN_KEY = 'mnc-bridge-token'

/**
 * The per-launch token of browser mode's bridge. It arrives in the address `npm run web`
 * printed; on first load it moves into this tab's session storage (scoped to this origin,
 * port included, and never sent by the browser on its own) and out of the address bar.
 */
function takeBridgeToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

/**
 * `window.api` for browser mode: the same contract, posted as JSON to the loopback bridge
 * (which validates every call against it) with the token in a header. The unlocked
 * session's secret is kept in memory only. Built from the call's name alone, so the page
 * does not load the contract's schemas (a third of its script).
 */
export function createBridgeApi(): Api {
  const token = takeBridgeToken()
  const send = keepSession(async (channel, input, session): Promise<Answer<unknown>> => {
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': token ?? '' },
        body: JSON.stringify({ input, session } satisfies Envelope)
      })
      return (await response.json()) as Answer<unknown>
    } catch {
      return fail({
        code: 'internal',
        message: 'The app’s local server did not answer. Check that `npm run web` is still running.'
      })
    }
  })
  return callsByName(send)
}
