/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser, on its DOM.
import { chromium, type Page } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startService } from '../../electron/service'
import { startBridgeServer } from '../../electron/web/server'
import { TYPING_PAUSE_MS } from '../../renderer/src/past/typing-pause'
import { TOOL_PIN } from '../tool-session'
import { BENCH_PRACTITIONER } from './database-rows'
import { nth, pair, type Row } from './measure'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

declare global {
  interface Window {
    /** When the watched element was first on screen, in ms since navigation start. */
    __shownAt?: number
    /** Resolves on the frame after the search for `query` answered. */
    __searchShown?: (query: string) => Promise<number>
  }
}

/**
 * Runs in every page before its own scripts: notes the first frame that shows the first
 * screen (every load starts locked: the lock screen with its PIN field, or the blank page's text), and, for keystrokes, when
 * a search's answer has been read and the next frame painted.
 */
function instrument(): void {
  const target = location.pathname.endsWith('blank.html') ? 'p' : '#unlock-pin'
  new MutationObserver((_, observer) => {
    if (!document.querySelector(target)) return
    observer.disconnect()
    requestAnimationFrame(() => (window.__shownAt = performance.now()))
  }).observe(document, { subtree: true, childList: true })

  const waiting = new Map<string, (at: number) => void>()
  window.__searchShown = (query) => new Promise((done) => waiting.set(query, done))
  const fetchBefore = window.fetch.bind(window)
  window.fetch = async (input, init) => {
    const response = await fetchBefore(input, init)
    const url = String(input instanceof Request ? input.url : input)
    if (!url.endsWith('/api/consults.search')) return response
    const query = (JSON.parse(String(init?.body)) as { input: { query: string } }).input.query
    const json = response.json.bind(response)
    response.json = async () => {
      const value: unknown = await json()
      // The renderer applies the answer in this task's microtasks; the frame after is on screen.
      requestAnimationFrame(() => waiting.get(query)?.(performance.now()))
      return value
    }
    return response
  }
}

/** Time from the input event to the frame showing that search's results. */
async function keystroke(page: Page, query: string): Promise<number> {
  return page.evaluate(async (query) => {
    const field = document.getElementById('consult-search') as HTMLInputElement
    const shown = window.__searchShown!(query)
    const started = performance.now()
    field.value = query
    field.dispatchEvent(new Event('input', { bubbles: true }))
    return (await shown) - started
  }, query)
}

/** The bridge's token (kept by the page in session storage) and a session of its own, unlocked once. */
async function bridgeSession(page: Page, practitionerId: string): Promise<{ token: string; session: string }> {
  return page.evaluate(
    async ({ id, pin }) => {
      const token = sessionStorage.getItem('mnc-bridge-token') ?? ''
      const response = await fetch('/api/session.unlock', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': token },
        body: JSON.stringify({ input: { id, pin } })
      })
      const answer = (await response.json()) as { ok: boolean; session?: string }
      if (!answer.ok || !answer.session) throw new Error('The bench could not unlock a session through the bridge.')
      return { token, session: answer.session }
    },
    { id: practitionerId, pin: TOOL_PIN }
  )
}

/** The same search from the page through the bridge, without the UI: fetch and JSON only. */
async function bridgeOnly(
  page: Page,
  query: string,
  { token, session }: { token: string; session: string }
): Promise<number> {
  return page.evaluate(
    async ({ query, token, session }) => {
      const started = performance.now()
      const response = await fetch('/api/consults.search', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': token },
        body: JSON.stringify({ input: { query, limit: 50 }, session })
      })
      await response.json()
      return performance.now() - started
    },
    { query, token, session }
  )
}

/**
 * From the page as it is (another screen, unlocked), opens a patient's page the way a link does
 * (the hash changes) and times it to the frame after every thumbnail of its photo grid is
 * decoded. Then leaves for the Patient guide, so the next run opens the patient afresh.
 */
async function openPatient(page: Page, patientId: string, photos: number): Promise<number> {
  const took = await page.evaluate(
    async ({ patientId, photos }) => {
      const frame = () => new Promise((done) => requestAnimationFrame(done))
      const thumbnails = () => Array.from(document.querySelectorAll<HTMLImageElement>('ul[aria-label="Photos"] img'))
      const started = performance.now()
      location.hash = `#/patients/${patientId}`
      while (thumbnails().length < photos) await frame()
      await Promise.all(thumbnails().map((img) => img.decode()))
      await frame()
      return performance.now() - started
    },
    { patientId, photos }
  )
  await page.evaluate(() => (location.hash = '#/guide'))
  await page.getByRole('heading', { level: 1, name: 'Patient guide' }).waitFor()
  return took
}

export interface PageBench {
  readonly dataDir: string
  readonly staticDir: string
  readonly runs: number
  readonly words: readonly string[]
  /** A patient with `photos` photos, whose page is opened until its thumbnail grid is decoded. */
  readonly photoPatient: { readonly id: string; readonly photos: number }
  readonly log: (line: string) => void
}

/**
 * The rows measured in Chromium: the first screen against a blank page, a keystroke's round
 * trip, and a patient's page with its photo grid against a blank page.
 */
export async function pageRows({ dataDir, staticDir, runs, words, photoPatient, log }: PageBench): Promise<Row[]> {
  const service = startService({ dataDir, info: { name: 'bench', version: '0', mode: 'browser' } })
  await service.backgroundChecks()
  const blankDir = mkdtempSync(join(tmpdir(), 'mnc-blank-'))
  writeFileSync(
    join(blankDir, 'blank.html'),
    '<!doctype html><html lang="en"><title>Blank</title><p>Blank page</p></html>'
  )
  const app = await startBridgeServer({ port: 0, staticDir: resolve(staticDir), dispatch: service.dispatch })
  const blank = await startBridgeServer({ port: 0, staticDir: blankDir, dispatch: service.dispatch })
  const browser = await chromium.launch({ executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined })
  try {
    const page = await browser.newPage()
    await page.addInitScript(instrument)
    const appUrl = `${new URL(app.url).origin}/`
    const blankUrl = `${new URL(blank.url).origin}/blank.html`
    // The first visit, with its token, leaves it in the tab's session storage for every later load.
    await page.goto(app.url)
    const shownAt = async (url: string, on = page) => {
      await on.goto(url)
      return on.waitForFunction(() => window.__shownAt).then((handle) => handle.jsonValue() as Promise<number>)
    }
    // The samples are the page's own clock: navigation start to the first frame with the screen.
    const first = await pair(
      { runs: Math.min(runs, 30), warmUp: 3, selfTimed: true },
      () => shownAt(appUrl),
      () => shownAt(blankUrl)
    )
    const rows: Row[] = [
      {
        group: 'Renderer (Chromium)',
        name: 'first screen: navigation start to the lock screen (PIN field) on screen',
        baselineName: 'a blank page from the same server, to its text on screen',
        ...first
      }
    ]
    log(`  first screen p95 ${rows[0]!.op.p95.toFixed(1)} ms vs blank ${rows[0]!.baseline.p95.toFixed(1)} ms`)

    await page.goto(appUrl)
    const lock = page.getByRole('dialog', { name: 'Microneedling Consult is locked' })
    const choose = lock.getByLabel('Practitioner')
    if (await choose.count()) await choose.selectOption({ label: BENCH_PRACTITIONER })
    await lock.getByLabel('PIN').fill(TOOL_PIN)
    await lock.getByRole('button', { name: 'Unlock' }).click()
    await lock.waitFor({ state: 'detached' })
    const practitioners = await service.dispatch('practitioners.list', undefined)
    const benchPractitioner = practitioners.ok
      ? (practitioners.value as { id: string; name: string }[]).find((p) => p.name === BENCH_PRACTITIONER)
      : undefined
    if (!benchPractitioner) throw new Error(`${BENCH_PRACTITIONER} is not a practitioner of this database.`)
    const bridge = await bridgeSession(page, benchPractitioner.id)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Past consults' }).click()
    await page.getByLabel('Search consults').waitFor()
    // Every prefix of each word, typed one key at a time; each key waits for its results.
    const typed = words.flatMap((word) =>
      Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1).toLowerCase())
    )
    const keys = await pair(
      { runs: Math.min(runs, typed.length * 2), warmUp: 5, selfTimed: true },
      (i) => keystroke(page, nth(typed, i)),
      (i) => bridgeOnly(page, nth(typed, i), bridge)
    )
    rows.push({
      group: 'Renderer (Chromium)',
      name: `keystroke to results on screen (Past consults, includes the ${TYPING_PAUSE_MS} ms typing pause)`,
      baselineName: 'the same search fetched from the page through the bridge, no UI, no pause',
      ...keys
    })
    log(`  keystroke p95 ${rows[1]!.op.p95.toFixed(1)} ms vs bridge only ${rows[1]!.baseline.p95.toFixed(1)} ms`)

    // The blank page loads in a tab of its own: leaving the app's tab would lock it.
    const blankPage = await browser.newPage()
    await blankPage.addInitScript(instrument)
    await page.evaluate(() => (location.hash = '#/guide'))
    const grid = await pair(
      { runs: Math.min(runs, 30), warmUp: 3, selfTimed: true },
      async () => {
        await page.bringToFront()
        return openPatient(page, photoPatient.id, photoPatient.photos)
      },
      async () => {
        await blankPage.bringToFront()
        return shownAt(blankUrl, blankPage)
      }
    )
    rows.push({
      group: 'Renderer (Chromium)',
      name: `open a patient with ${photoPatient.photos} photos: from the link to all ${photoPatient.photos} thumbnails of the photo grid decoded on screen`,
      baselineName: 'a blank page from the same server, to its text on screen',
      ...grid
    })
    log(`  patient with photos p95 ${grid.op.p95.toFixed(1)} ms vs blank ${grid.baseline.p95.toFixed(1)} ms`)
    return rows
  } finally {
    await browser.close()
    await app.close()
    await blank.close()
    service.close()
    rmSync(blankDir, { recursive: true, force: true })
  }
}
