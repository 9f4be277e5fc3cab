import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
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
function send(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('the browser bridge', () => {
  it('listens on loopback only and prints an address with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=launch-token`)
  })

  it('passes a call with the token through dispatch', async () => {
    const res = await send('/api/patients.search', {
      method: 'POST',
      headers: { 'x-bridge-token': 'launch-token' },
      body: JSON.stringify({ input: { query: 'ada' } })
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { channel: 'patients.search', input: { query: 'ada' } } })
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { 'x-bridge-token': 'guess' }],
    ['a wrong cookie', { cookie: 'mnc_bridge_1=guess' }]
  ])('refuses a call with %s', async (_, headers) => {
    const res = await send('/api/patients.search', { method: 'POST', headers, body: '{}' })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await send('/api/patients.search', {
      method: 'POST',
      headers: { host: `evil.example:${server.port}`, 'x-bridge-token': 'launch-token' },
      body: '{}'
    })
    expect(res.status).toBe(403)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses the page itself without the token, and sets a cookie when opened with it', async () => {
    expect((await send('/')).status).toBe(401)
    const opened = await send('/?token=launch-token')
    expect(opened.status).toBe(200)
    expect(String(opened.headers['set-cookie'])).toContain(`mnc_bridge_${server.port}=launch-token; HttpOnly; SameSite=Strict`)
    const cookie = `mnc_bridge_${server.port}=launch-token`
    expect((await send('/index.html', { headers: { cookie } })).status).toBe(200)
  })

  it('answers bad JSON with a typed error and never serves files outside its folder', async () => {
    const headers = { 'x-bridge-token': 'launch-token' }
    const bad = await send('/api/patients.search', { method: 'POST', headers, body: '{not json' })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((await send('/../secret.txt', { headers })).status).toBe(404)
    expect((await send('/%2e%2e/secret.txt', { headers })).status).toBe(404)
  })
})
