import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { makeTempDir } from '../support/temp-dir'
import { electronBinary } from './electron-binary'

const root = resolve(__dirname, '../..')
const binary = electronBinary()

test.skip(!binary, 'SKIPPED: no Electron binary on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1)')

let app: ElectronApplication
let dir: ReturnType<typeof makeTempDir>

test.beforeAll(() => {
  // The Electron build of better-sqlite3 lives apart from the Node build the other tests use.
  execFileSync(process.execPath, ['scripts/native-runtime.mjs', 'electron'], { cwd: root, stdio: 'inherit' })
})

test.beforeEach(async () => {
  dir = makeTempDir('mnc-electron-')
  app = await electron.launch({
    executablePath: binary,
    args: [resolve(root, 'out/main/index.js')],
    env: { ...process.env, MNC_DATA_DIR: dir.path }
  })
})

test.afterEach(async () => {
  await app.close()
  dir.remove()
})

/** First run: the clinic and a first practitioner, which opens the app on Patients. */
async function setUp(page: Page): Promise<void> {
  await page.getByLabel('Clinic name').fill('Harbour Skin Clinic')
  await page.getByLabel('Your name').fill('Dr Amelia Hart')
  await page.getByLabel('PIN (4 to 8 digits)').fill('1357')
  await page.getByLabel('PIN again').fill('1357')
  await page.getByRole('button', { name: 'Start using the app' }).click()
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible()
}

test('first run sets up the clinic, then opens on Patients and adds a patient', async () => {
  const page = await app.firstWindow()
  await expect(page.getByRole('heading', { name: 'Welcome to Microneedling Consult' })).toBeVisible()
  await setUp(page)
  await page.getByRole('link', { name: 'Add patient' }).click()
  await page.getByLabel('Full name').fill('Ada Lovelace')
  await page.getByRole('button', { name: 'Save patient' }).click()
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible()
})

test('the window is sandboxed and isolated, and exposes only the contract', async () => {
  const page = await app.firstWindow()
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents
    return (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences()
  })
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  expect(await page.evaluate(() => Object.keys(window.api ?? {}))).toEqual([
    'app',
    'setup',
    'session',
    'practitioners',
    'patients',
    'consults',
    'settings',
    'handouts',
    'backups',
    'audit',
    'transfer'
  ])
  expect(page.url()).toMatch(/^app:\/\/app\/index\.html/)
})

test('a reload starts locked, and the locked page can read no patient over IPC', async () => {
  const page = await app.firstWindow()
  await setUp(page)
  await page.reload()
  await expect(page.getByRole('dialog', { name: 'Microneedling Consult is locked' })).toBeVisible()
  const answer = await page.evaluate(() => window.api!.patients.search({ query: '' }))
  expect(answer).toMatchObject({ ok: false, error: { code: 'locked' } })
})

test('navigation away and new windows are blocked', async () => {
  const page = await app.firstWindow()
  const before = page.url()
  // Note every navigation the main process is asked for, after the app's own handler.
  await app.evaluate(({ BrowserWindow }) => {
    const asked: string[] = ((globalThis as { navigationsAsked?: string[] }).navigationsAsked = [])
    BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (_event, url) => asked.push(url))
  })
  await page.evaluate(() => {
    location.href = 'https://example.com/'
  })
  await expect
    .poll(() => app.evaluate(() => (globalThis as { navigationsAsked?: string[] }).navigationsAsked))
    .toEqual(['https://example.com/'])
  expect(await page.evaluate(() => location.href)).toBe(before)

  // A refused window.open returns null at once, with no window made.
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true)
  expect(app.windows()).toHaveLength(1)
})
