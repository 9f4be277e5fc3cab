import { expect, type Locator, type Page, type TestInfo } from '@playwright/test'

/**
 * Drives the UI as a person would and counts what they do: each click or tap, each typed
 * field, each non-text key press. After each action it checks that focus is somewhere
 * meaningful, never dropped on <body>.
 */
export class Interactions {
  clicks = 0
  typedFields = 0
  keys = 0

  constructor(private readonly page: Page) {}

  get total(): number {
    return this.clicks + this.typedFields + this.keys
  }

  async click(target: Locator): Promise<void> {
    await target.click()
    this.clicks++
  }

  /** Types into the focused field: one typed field, whatever its length. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text)
    this.typedFields++
  }

  /** Presses one key (or chord, like Alt+N) `times` times; each press counts. */
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key)
    this.keys += times
  }

  /** Presses Tab (or Shift+Tab) until `target` has focus, counting each press. */
  async tabTo(target: Locator, backwards = false, limit = 40): Promise<void> {
    for (let i = 0; i < limit; i++) {
      if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return
      await this.press(backwards ? 'Shift+Tab' : 'Tab')
    }
    throw new Error(`Tab never reached ${target}`)
  }

  summary(): string {
    return `${this.total} interactions (${this.clicks} clicks or taps, ${this.typedFields} typed fields, ${this.keys} keys)`
  }
}

/** Fails when focus has fallen back to <body> (or nowhere) after a navigation, a save or a dialog. */
export async function expectFocusKept(page: Page, after: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none'), { message: `focus after ${after}` })
    .not.toMatch(/^(BODY|none)$/)
}

/** Screenshots of the page at the laptop and desk sizes the clinic uses, kept with the test's results. */
export async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const start = page.viewportSize()
  await page.evaluate(() => window.scrollTo(0, 0)) // the sticky rail where it sits on arrival
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 }
  ]) {
    await page.setViewportSize(size)
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`), fullPage: true })
  }
  if (start) await page.setViewportSize(start)
}
