import { buildApi, fail, type Api, type Result } from '../../../electron/contract'

/**
 * `window.api` for browser mode: the same contract, posted to the loopback bridge. The
 * per-launch token travels in the cookie the bridge set when the page was opened.
 */
export function createBridgeApi(): Api {
  return buildApi(async (channel, input): Promise<Result<unknown>> => {
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
  })
}
