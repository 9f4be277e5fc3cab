import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { APP_ENTRY, appFile } from '../../electron/main/app-files'
import { chooseDataDir } from '../../electron/main/data-dir'
import { startService } from '../../electron/service'
import { makeTempDir } from '../support/temp-dir'
import { preferenceFindings, REQUIRED_WEB_PREFERENCES, sourcesUnder, windowFindings } from '../support/window-audit'

vi.mock('electron', () => ({ Menu: {}, BrowserWindow: class {} }))
const { mainWindowOptions } = await import('../../electron/main/window')
const { menuTemplate } = await import('../../electron/main/menu')

const root = resolve(__dirname, '../..')

describe('the window’s options, read as they are (not as a linter guesses them)', () => {
  it.each([true, false])('are sandboxed, isolated and without Node (development: %s)', (development) => {
    const options = mainWindowOptions(development)
    expect(preferenceFindings(options.webPreferences, development)).toEqual([])
    expect(options.webPreferences).toMatchObject(REQUIRED_WEB_PREFERENCES)
    expect(options.webPreferences?.devTools).toBe(development)
  })

  it('are caught when any one of them is flipped (mutation)', () => {
    const real = mainWindowOptions(false).webPreferences!
    for (const [key, value] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
      expect(preferenceFindings({ ...real, [key]: !value }, false), key).not.toEqual([])
      const { [key as keyof typeof real]: _, ...without } = real
      expect(preferenceFindings(without, false), `${key} missing`).not.toEqual([])
    }
    expect(preferenceFindings({ ...real, devTools: true }, false)).not.toEqual([])
    expect(preferenceFindings(undefined, false)).not.toEqual([])
  })

  it('are the only ones any window in electron/main is built from (read from the syntax tree)', () => {
    const sources = sourcesUnder(join(root, 'electron/main'))
    expect(sources.some((s) => s.text.includes('new BrowserWindow('))).toBe(true)
    expect(windowFindings(sources)).toEqual([])
  })

  it.each([
    [
      'a bundled-style call with unsafe options',
      `new electron.BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: false, nodeIntegration: true } })`
    ],
    ['a bare call with options of its own', `new BrowserWindow({ width: 800 })`],
    ['a window with no options', `new BrowserWindow()`],
    ['options from a variable', `const o = mainWindowOptions(false); new BrowserWindow(o)`],
    ['an alias', `const Win = BrowserWindow; new Win(mainWindowOptions(false))`],
    ['an aliased import', `import { BrowserWindow as Win } from 'electron'`],
    ['a view with its own preferences', `new WebContentsView({ webPreferences: {} })`],
    ['an indirect constructor', `new (electron['BrowserWindow'])(mainWindowOptions(false))`],
    [
      'preferences overridden in the options',
      `function mainWindowOptions() { return { webPreferences: { ...secureWebPreferences(false), sandbox: false } } }`
    ],
    [
      'the options spread over',
      `function mainWindowOptions() { return { ...other, webPreferences: secureWebPreferences(false) } }`
    ],
    ['preferences set elsewhere', `function other() { return { webPreferences: secureWebPreferences(false) } }`]
  ])('are caught when a window is built otherwise: %s', (_, text) => {
    expect(windowFindings([{ path: 'bad.ts', text }])).not.toEqual([])
  })
})

describe('the menu', () => {
  const roles = (development: boolean, platform: NodeJS.Platform) =>
    JSON.stringify(menuTemplate(development, platform)).match(/"role":"\w+"/g) ?? []

  it.each(['linux', 'darwin', 'win32'] as const)(
    'has no Reload and no developer tools in a packaged app (%s)',
    (platform) => {
      const packaged = roles(false, platform)
      for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(packaged).not.toContain(`"role":"${role}"`)
      expect(packaged).toContain('"role":"editMenu"') // copy and paste still work
      expect(roles(true, platform)).toContain('"role":"toggleDevTools"')
    }
  )
})

describe('the app:// protocol', () => {
  let dir: ReturnType<typeof makeTempDir>
  beforeEach(() => {
    dir = makeTempDir()
    mkdirSync(join(dir.path, 'renderer/assets'), { recursive: true })
    writeFileSync(join(dir.path, 'renderer/index.html'), readFileSync(join(root, 'renderer/index.html')))
    writeFileSync(join(dir.path, 'renderer/assets/app.js'), 'console.log(1)')
    writeFileSync(join(dir.path, 'secret.txt'), 'outside')
  })
  afterEach(() => dir.remove())

  it('serves the page with its Content-Security-Policy as a header, and the assets beside it', async () => {
    const page = await appFile(APP_ENTRY, join(dir.path, 'renderer'))
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(
      /^default-src 'self'; script-src 'self';.*object-src 'none'/
    )
    expect((await appFile('app://app/assets/app.js', join(dir.path, 'renderer'))).headers['content-type']).toMatch(
      /javascript/
    )
  })

  it.each([
    'app://app/../secret.txt',
    'app://app/%2e%2e/secret.txt',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://app/%E0%A4%A'
  ])('serves nothing outside the built renderer: %s', async (url) => {
    expect((await appFile(url, join(dir.path, 'renderer'))).status).toBe(404)
  })
})

describe('packaging', () => {
  it('sets the Electron fuses', () => {
    const config = parse(readFileSync(join(root, 'electron.builder.yml'), 'utf8')) as {
      electronFuses: Record<string, boolean>
    }
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })
})

describe('data on disk', () => {
  it('honours MNC_DATA_DIR only in development and tests, never in a packaged app', () => {
    expect(chooseDataDir({ MNC_DATA_DIR: '/tmp/x' }, false, '/home/u/.config/app')).toBe('/tmp/x')
    expect(chooseDataDir({ MNC_DATA_DIR: '/tmp/x' }, true, '/home/u/.config/app')).toBe('/home/u/.config/app')
    expect(chooseDataDir({}, false, '/home/u/.config/app')).toBe('/home/u/.config/app')
  })

  it.skipIf(process.platform === 'win32')(
    'closes a data folder made before to its owner, and writes backups owner-only',
    async () => {
      const dir = makeTempDir()
      try {
        const data = join(dir.path, 'data')
        mkdirSync(data, { mode: 0o755 })
        const service = startService({ dataDir: data, info: { name: 'test', version: '0', mode: 'browser' } })
        try {
          expect(statSync(data).mode & 0o777).toBe(0o700)
          expect(statSync(service.databasePath).mode & 0o777).toBe(0o600)
          const { createBackup } = await import('../../electron/service/backups')
          const { liveDatabase } = await import('../../electron/service/db-snapshot')
          const { openDatabase } = await import('../../db/open')
          const db = openDatabase(service.databasePath)
          const backup = await createBackup(
            liveDatabase(db, service.databasePath, undefined),
            service.databasePath,
            'manual'
          )
          db.close()
          const backups = join(data, 'backups')
          expect(statSync(backups).mode & 0o777).toBe(0o700)
          expect(statSync(join(backups, 'chunks')).mode & 0o777).toBe(0o700)
          expect(statSync(join(backups, backup.name)).mode & 0o777).toBe(0o600)
          for (const chunk of readdirSync(join(backups, 'chunks')))
            expect(statSync(join(backups, 'chunks', chunk)).mode & 0o777).toBe(0o600)
        } finally {
          service.close()
        }
      } finally {
        dir.remove()
      }
    }
  )
})
