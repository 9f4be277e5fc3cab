import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ok } from '../../electron/contract'
import { startBridgeServer, type BridgeServer } from '../../electron/web/server'
import { makeTempDir } from '../support/temp-dir'

let dir: ReturnType<typeof makeTempDir>
let server: BridgeServer
const dispatch = vi.fn(async (channel: string, input: unknown) => ok({ channel, input }))

beforeEach(async () => {
  dir = makeTempDir()
  mkdirSync(join(dir.path, 'assets'))
  writeFileSync(join(dir.path, 'assets', 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(dir.path, 'secret.txt'), 'outside')
  server = await startBridgeServer({ port: 0, staticDir: join(dir.path, 'assets'), dispatch, token: 'launch-token' })
  dispatch.mockClear()
})
afterEach(async () => {
  await server.close()
  dir.remove()
})

/** Raw HTTP, so the test controls the Host header (fetch does not allow setting it). */
function send(
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** This machine's own addresses other than loopback (link-local IPv6 aside: it needs a scope to be reached). */
const nonLoopbackAddresses = (): string[] =>
  Object.values(networkInterfaces())
    .flat()
    .filter((net) => net !== undefined && !net.internal && !net.address.startsWith('fe80:'))
    .map((net) => net!.address)

/** Whether a TCP connection to `host:port` is accepted or refused. */
function connects(host: string, port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error)
    )
  })
}

/** What the app's own page sends: POST, JSON, its own Origin, the token in a header. */
const own = () => ({
  'content-type': 'application/json',
  origin: `http://127.0.0.1:${server.port}`,
  'x-bridge-token': 'launch-token'
})

describe('the browser bridge', () => {
  it('prints an address on loopback with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=launch-token`)
  })

  it('is bound to the loopback address only', async () => {
    expect(server.host).toBe('127.0.0.1')
    expect(await connects('127.0.0.1', server.port)).toBe('connected')
  })

  it('refuses a connection through any other address of this machine', async ({ skip }) => {
    const others = nonLoopbackAddresses()
    skip(others.length === 0, 'this machine has no address but loopback to try a connection through')
    for (const address of others) expect(await connects(address, server.port), address).toBe('refused')
  })

  it('passes a call from its own page through dispatch, with the session the page holds', async () => {
    const res = await send('/api/patients.search', {
      method: 'POST',
      headers: own(),
      body: JSON.stringify({ input: { query: 'ada' }, session: 'the-session' })
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { channel: 'patients.search', input: { query: 'ada' } } })
    expect(dispatch).toHaveBeenCalledWith('patients.search', { query: 'ada' }, { session: 'the-session' })
  })

  it.each([
    ['no token', 401, { 'x-bridge-token': '' }],
    ['a wrong token', 401, { 'x-bridge-token': 'guess' }],
    ['the token in a cookie only', 401, { 'x-bridge-token': '', cookie: 'mnc_bridge=launch-token' }],
    ['no Origin', 403, { origin: '' }],
    ['another port’s Origin', 403, { origin: 'http://127.0.0.1:1' }],
    ['a foreign Origin', 403, { origin: 'https://evil.example' }],
    ['a form’s content type (text/plain)', 415, { 'content-type': 'text/plain' }],
    ['a form’s content type (urlencoded)', 415, { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no content type', 415, { 'content-type': '' }]
  ])('refuses a call with %s', async (_, status, change: Record<string, string>) => {
    const headers = Object.fromEntries(Object.entries({ ...own(), ...change }).filter(([, value]) => value !== ''))
    const res = await send('/api/patients.search', { method: 'POST', headers, body: '{"input":{"query":""}}' })
    expect(res.status).toBe(status)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it.each(['GET', 'PUT', 'DELETE'])('refuses a call sent with %s', async (method) => {
    const res = await send('/api/patients.search', {
      method,
      headers: own(),
      body: method === 'GET' ? undefined : '{}'
    })
    expect(res.status).toBe(405)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await send('/api/patients.search', {
      method: 'POST',
      headers: { ...own(), host: `evil.example:${server.port}` },
      body: '{}'
    })
    expect(res.status).toBe(403)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('serves the page with its CSP as a header, and never sets a cookie', async () => {
    writeFileSync(
      join(dir.path, 'assets', 'index.html'),
      '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    )
    const opened = await send('/?token=launch-token')
    expect(opened.status).toBe(200)
    expect(opened.headers['set-cookie']).toBeUndefined()
    expect(opened.headers['content-security-policy']).toBe("default-src 'self'")
  })

  it('answers bad JSON with a typed error and never serves files outside its folder', async () => {
    const bad = await send('/api/patients.search', { method: 'POST', headers: own(), body: '{not json' })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((await send('/../secret.txt')).status).toBe(404)
    expect((await send('/%2e%2e/secret.txt')).status).toBe(404)
  })
})
