import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { fail, MAX_REQUEST_BYTES, openEnvelope, type Answer } from '../contract'
import { readStaticFile } from '../service/static-file'
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
  /** The address the server is bound to, as the system reports it. */
  readonly host: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'

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

/** `application/json`, with or without parameters: what a plain HTML form can never send. */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json'
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: Answer<unknown>,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { ...securityHeaders, ...headers, 'content-type': 'application/json; charset=utf-8' })
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
 * every request needs a Host header naming this server. A call must also be a `POST` of
 * `application/json` (which no plain HTML form can send), from a page of this very origin
 * (`Origin`), carrying the per-launch token in the `x-bridge-token` header. The page takes
 * the token from the address it was opened with and keeps it in the tab, off the address
 * bar; no cookie carries it, so no other page (another port included) can borrow it.
 */
export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = options.port

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`)
    const allowedHosts = [`${HOST}:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      return sendJson(res, 403, fail({ code: 'forbidden', message: 'Unknown Host header; request refused.' }))
    }
    if (url.pathname.startsWith('/api/')) return answerCall(req, res, url.pathname.slice('/api/'.length))

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, fail({ code: 'unknown_call', message: 'Only GET serves files.' }), {
        allow: 'GET, HEAD'
      })
    }
    await serveFile(url.pathname, res)
  }

  async function answerCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      return sendJson(res, 405, fail({ code: 'unknown_call', message: 'Use POST.' }), { allow: 'POST' })
    }
    if (!isJson(req.headers['content-type'])) {
      return sendJson(res, 415, fail({ code: 'invalid_input', message: 'Send calls as application/json.' }))
    }
    const ownOrigins = [`http://${HOST}:${port}`, `http://localhost:${port}`]
    if (!ownOrigins.includes(req.headers.origin ?? '')) {
      return sendJson(
        res,
        403,
        fail({ code: 'forbidden', message: 'This request did not come from the app’s page and was refused.' })
      )
    }
    if (!sameSecret(req.headers['x-bridge-token'] as string | undefined, token)) {
      return sendJson(
        res,
        401,
        fail({ code: 'forbidden', message: 'Missing or wrong token: open the address `npm run web` printed.' })
      )
    }
    let payload: unknown
    try {
      payload = JSON.parse(await readBody(req))
    } catch {
      return sendJson(res, 400, fail({ code: 'invalid_input', message: 'The request body was not valid JSON.' }))
    }
    const { input, session } = openEnvelope(payload)
    return sendJson(res, 200, await options.dispatch(channel, input, { session }))
  }

  async function serveFile(pathname: string, res: ServerResponse): Promise<void> {
    const found = await readStaticFile(pathname, options.staticDir)
    if (!found) return sendJson(res, 404, fail({ code: 'not_found', message: 'No such file.' }))
    res.writeHead(200, { ...securityHeaders, ...found.headers })
    res.end(found.body)
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
  const bound = server.address()
  if (bound === null || typeof bound === 'string') throw new Error('The bridge is not listening on a TCP port.')
  port = bound.port

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    host: bound.address,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
