import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AuditEntry, Practitioner } from '../../electron/contract'
import { expect, PIN, test } from './fixtures'

/** Another local web server, as any program on the machine could run, serving `html`. */
async function attacker(html: string): Promise<{ server: Server; origin: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = []
  const server = createServer((req, res) => {
    seen.push(req.headers)
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

test('a page on another 127.0.0.1 port writes nothing through the bridge, by form or by fetch', async ({
  page,
  app
}) => {
  const bridge = new URL(app.url).origin
  const before = {
    practitioners: await app.call<Practitioner[]>('practitioners.list'),
    audit: await app.call<AuditEntry[]>('audit.list', {})
  }
  const body = JSON.stringify({ input: { name: 'Dr Real', pin: '0000', approverPin: PIN } })
  const html = `<!doctype html><title>prize</title>
    <iframe name="sink"></iframe>
    <form id="form" method="POST" action="${bridge}/api/practitioners.add" enctype="text/plain" target="sink">
      <input name='${body.slice(0, -1)}, "pad": "' value='"}'>
    </form>
    <form id="urlencoded" method="POST" action="${bridge}/api/setup.complete" target="sink">
      <input name="clinicName" value="Owned"><input name="practitionerName" value="Dr Real"><input name="pin" value="0000">
    </form>`
  const evil = await attacker(html)
  try {
    await page.goto(`${evil.origin}/`)
    // Each form is sent and the bridge has answered it (into the hidden frame) before anything is checked.
    for (const [id, channel] of [
      ['form', 'practitioners.add'],
      ['urlencoded', 'setup.complete']
    ] as const) {
      const answered = page.waitForResponse(`${bridge}/api/${channel}`)
      await page.evaluate((id) => (document.getElementById(id) as HTMLFormElement).submit(), id)
      await answered
    }
    const fetched = await page.evaluate(
      async ({ bridge, body }) => {
        const outcomes: string[] = []
        const attempts: RequestInit[] = [
          { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body },
          { method: 'POST', mode: 'no-cors', body: new Blob([body], { type: 'application/json' }) },
          { method: 'POST', mode: 'cors', headers: { 'content-type': 'application/json' }, body },
          {
            method: 'POST',
            mode: 'cors',
            credentials: 'include',
            headers: { 'content-type': 'application/json', 'x-bridge-token': 'guess' },
            body
          }
        ]
        for (const init of attempts) {
          try {
            const response = await fetch(`${bridge}/api/practitioners.add`, init)
            outcomes.push(`${response.type} ${response.status}`)
          } catch (error) {
            outcomes.push(`blocked: ${String(error)}`)
          }
        }
        return outcomes
      },
      { bridge, body }
    )
    // No answer the attacking page could read: opaque, or blocked by CORS.
    for (const outcome of fetched) expect(outcome).toMatch(/^(opaque 0|blocked)/)

    expect(await app.call<Practitioner[]>('practitioners.list')).toEqual(before.practitioners)
    expect(await app.call<AuditEntry[]>('audit.list', {})).toEqual(before.audit)
    // And the attacker's server never received a cookie of the bridge's.
    for (const headers of evil.seen) expect(headers.cookie).toBeUndefined()
  } finally {
    evil.server.close()
  }
})
