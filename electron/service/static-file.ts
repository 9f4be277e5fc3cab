import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { cspOf } from './csp'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8'
}

export interface StaticFile {
  readonly body: Buffer
  readonly headers: Record<string, string>
}

/**
 * A file of the built renderer in `root` for a URL path ("/" is index.html), or null when
 * there is none or the path leads outside `root`. Pages carry their Content-Security-Policy
 * as a header too, for the app:// protocol and browser mode alike.
 */
export async function readStaticFile(pathname: string, root: string): Promise<StaticFile | null> {
  let relative: string
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
  } catch {
    return null
  }
  const file = normalize(join(root, relative))
  if (!file.startsWith(normalize(root) + sep)) return null
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return null
  }
  const headers: Record<string, string> = {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff'
  }
  const csp = extname(file) === '.html' ? cspOf(body.toString('utf8')) : undefined
  if (csp) headers['content-security-policy'] = csp
  return { body, headers }
}
