import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPermissionAllowed } from '../../electron/main/permissions'
import { isTrustedRendererUrl } from '../../electron/main/trusted-sender'
import { isAllowedExternalUrl } from '../../electron/service/external-links'

describe('the built page', () => {
  it('has a Content-Security-Policy that allows only the app itself', () => {
    const html = readFileSync(resolve(__dirname, '../../out/renderer/index.html'), 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(csp).toBeDefined()
    const directives = Object.fromEntries(
      csp!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values])
    )
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['script-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(directives['connect-src']).toEqual(["'self'"])
  })
})

describe('IPC senders', () => {
  const built = 'app://app/index.html'

  it('trusts only the app page it loaded', () => {
    expect(isTrustedRendererUrl(`${built}#/patients`, built)).toBe(true)
    expect(isTrustedRendererUrl('file:///opt/app/resources/app.asar/out/renderer/index.html', built)).toBe(false)
    expect(isTrustedRendererUrl('app://other/index.html', built)).toBe(false)
    expect(isTrustedRendererUrl('https://example.com/', built)).toBe(false)
    expect(isTrustedRendererUrl('about:blank', built)).toBe(false)
    expect(isTrustedRendererUrl('not a url', built)).toBe(false)
  })

  it('trusts the dev server by origin only', () => {
    const dev = 'http://localhost:5173/'
    expect(isTrustedRendererUrl('http://localhost:5173/#/patients', dev)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false)
  })
})

describe('permissions', () => {
  const entry = 'app://app/index.html'
  const ask = (
    permission: string,
    mediaTypes: string[] = [],
    requestingUrl: string | undefined = `${entry}#/consults/x/photos`,
    isMainFrame = true
  ) => isPermissionAllowed({ permission, mediaTypes, requestingUrl, isMainFrame }, entry)

  it('allows the camera only for the app’s own page, in its main frame', () => {
    expect(ask('media', ['video'])).toBe(true)
    expect(ask('media', ['video'], 'file:///tmp/evil.html')).toBe(false)
    expect(ask('media', ['video'], 'app://other/index.html')).toBe(false)
    expect(ask('media', ['video'], 'https://example.com/')).toBe(false)
    expect(
      isPermissionAllowed(
        { permission: 'media', mediaTypes: ['video'], requestingUrl: undefined, isMainFrame: true },
        entry
      )
    ).toBe(false)
    expect(ask('media', ['video'], entry, false)).toBe(false)
  })

  it('never allows the microphone, or a media ask that names nothing', () => {
    expect(ask('media', ['audio'])).toBe(false)
    expect(ask('media', ['video', 'audio'])).toBe(false)
    expect(ask('media', ['unknown'])).toBe(false)
    expect(ask('media', [])).toBe(false)
  })

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'midi',
    'openExternal',
    'pointerLock',
    'hid',
    'serial',
    'usb'
  ])('denies %s, even to the app’s own page', (permission) => {
    expect(ask(permission, ['video'])).toBe(false)
  })

  it('allows full screen, for presentation mode, to the app’s own page only', () => {
    expect(ask('fullscreen')).toBe(true)
    expect(ask('fullscreen', [], 'https://example.com/')).toBe(false)
    expect(ask('fullscreen', [], 'file:///tmp/evil.html')).toBe(false)
    expect(ask('fullscreen', [], entry, false)).toBe(false)
  })
})

describe('external links', () => {
  it.each([
    ['https://dermnetnz.org/topics/skin-needling/', true],
    ['https://pubmed.ncbi.nlm.nih.gov/24919799/', true],
    ['http://dermnetnz.org/topics/skin-needling/', false],
    ['https://dermnetnz.org/topics/something-not-cited/', false],
    ['https://evil.example/', false],
    ['https://dermnetnz.org.evil.example/', false],
    ['https://user:pw@dermnetnz.org/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false]
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed)
  })
})
