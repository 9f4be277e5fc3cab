import { protocol } from 'electron'
import { join } from 'node:path'
import { APP_SCHEME, appFile } from './app-files'

/** Before the app is ready: app:// is a standard, secure scheme (its own origin, fetch, no mixed content). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Once ready: serves the built renderer (`out/renderer`) on app://app/. */
export function serveAppScheme(): void {
  const root = join(__dirname, '../renderer')
  protocol.handle(APP_SCHEME, async (request) => {
    const { status, headers, body } = await appFile(request.url, root)
    return new Response(body === null ? null : new Uint8Array(body), { status, headers })
  })
}
