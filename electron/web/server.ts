import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { fail, MAX_REQUEST_BYTES, type Result } from '../contract'
import type { Dispatch } from '../service/dispatch'

export interface BridgeOptions {
  readonly port: number
  /** The built renderer (`out/renderer`). */
  readonly staticDir: string
  readonly dispatch: Dispatch
  readonly token?: string
}

export interface BridgeServer {
  /** The address to open, token included. */
  readonly url: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8'
}

const securityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY'
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_REQUEST_BYTES) throw new RangeError('too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Browser mode's stand-in for Electron's IPC: serves the built renderer and answers
 * `POST /api/<channel>` through the same dispatch as the main process. Loopback only;
 * every request needs the per-launch token and a Host header naming this server.
 */
export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = options.port
  const cookieName = () => `mnc_bridge_${port}`

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`)
    const allowedHosts = [`${HOST}:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      return sendJson(res, 403, fail({ code: 'forbidden', message: 'Unknown Host header; request refused.' }))
    }

    const fromQuery = url.searchParams.get('token') ?? undefined
    const given = (req.headers['x-bridge-token'] as string | undefined) ?? cookieValue(req, cookieName()) ?? fromQuery
    if (!sameSecret(given, token)) {
      return sendJson(res, 401, fail({ code: 'forbidden', message: 'Missing or wrong token: open the address `npm run web` printed.' }))
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, fail({ code: 'unknown_call', message: 'Use POST.' }))
      let payload: { input?: unknown }
      try {
        payload = JSON.parse(await readBody(req)) as { input?: unknown }
      } catch {
        return sendJson(res, 400, fail({ code: 'invalid_input', message: 'The request body was not valid JSON.' }))
      }
      const input = payload !== null && typeof payload === 'object' ? payload.input : undefined
      return sendJson(res, 200, await options.dispatch(url.pathname.slice('/api/'.length), input))
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, fail({ code: 'unknown_call', message: 'Only GET serves files.' }))
    }
    await serveFile(url.pathname, res, fromQuery !== undefined)
  }

  async function serveFile(pathname: string, res: ServerResponse, setCookie: boolean): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    const file = normalize(join(options.staticDir, relative))
    if (!file.startsWith(normalize(options.staticDir) + sep)) {
      return sendJson(res, 404, fail({ code: 'not_found', message: 'No such file.' }))
    }
    try {
      const body = await readFile(file)
      const headers: Record<string, string> = {
        ...securityHeaders,
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream'
      }
      if (setCookie) headers['set-cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`
      res.writeHead(200, headers)
      res.end(body)
    } catch {
      sendJson(res, 404, fail({ code: 'not_found', message: 'No such file.' }))
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, fail({ code: 'internal', message: 'The bridge failed.' }))
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, HOST, () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
