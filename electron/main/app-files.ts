import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { cspOf } from '../service/csp'

/** The app's own scheme: the built renderer is served as app://app/… instead of file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'app'
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8'
}

export interface AppFile {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: Buffer | null
}

/**
 * Answers one app:// request from the built renderer in `root`: only the app host, only
 * files inside `root`; HTML pages carry their Content-Security-Policy as a header too.
 */
export async function appFile(url: string, root: string): Promise<AppFile> {
  const notFound: AppFile = { status: 404, headers: {}, body: null }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return notFound
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return notFound
  let relative: string
  try {
    relative = parsed.pathname === '/' ? 'index.html' : decodeURIComponent(parsed.pathname).replace(/^\/+/, '')
  } catch {
    return notFound
  }
  const file = normalize(join(root, relative))
  if (!file.startsWith(normalize(root) + sep)) return notFound
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return notFound
  }
  const headers: Record<string, string> = {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff'
  }
  const csp = extname(file) === '.html' ? cspOf(body.toString('utf8')) : undefined
  if (csp) headers['content-security-policy'] = csp
  return { status: 200, headers, body }
}
