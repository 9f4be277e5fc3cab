import type { Api } from '../../../electron/contract'
import { fail, type Result } from '../../../electron/contract/result'

/**
 * `window.api` for browser mode: the same contract, posted to the loopback bridge, which
 * validates every call against it. Built from the call's name alone, so the page does not
 * load the contract's schemas (a third of its script). The per-launch token travels in the
 * cookie the bridge set when the page was opened.
 */
export function createBridgeApi(): Api {
  const send = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input })
      })
      return (await response.json()) as Result<unknown>
    } catch {
      return fail({
        code: 'internal',
        message: 'The app’s local server did not answer. Check that `npm run web` is still running.'
      })
    }
  }
  const group = (name: string) =>
    new Proxy({}, { get: (_, method) => (input?: unknown) => send(`${name}.${String(method)}`, input) })
  return new Proxy({}, { get: (_, name) => group(String(name)) }) as Api
}
