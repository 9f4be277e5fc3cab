import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { visitEveryScreen } from './screens'

/** The rooms the app is used in: laptops, a wide desk screen, a portrait tablet. */
const sizes = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
  { width: 768, height: 1024 }
] as const

interface LayoutProblem {
  readonly what: string
  readonly detail: string
}

/**
 * What is cut off: the page scrolling sideways, and any visible control whose text does not
 * fit it or that sticks out of the window. Runs in the page.
 */
function findLayoutProblems(): LayoutProblem[] {
  const problems: LayoutProblem[] = []
  const width = document.documentElement.clientWidth
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push({ what: 'page overflows sideways', detail: `${document.documentElement.scrollWidth - width}px` })
  }
  const controls = document.querySelectorAll<HTMLElement>(
    'button, a.button, [role="button"], select, input:not([type="hidden"]), nav a, .chip'
  )
  for (const control of controls) {
    if (!control.checkVisibility({ visibilityProperty: true })) continue
    if (control.closest('.visually-hidden')) continue
    const box = control.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) continue
    const name = (control.getAttribute('aria-label') || control.textContent || control.tagName)
      .trim()
      .replace(/\s+/g, ' ')
    if (box.right > width + 1 || box.left < -1) {
      problems.push({
        what: 'control outside the window',
        detail: `${name} (${Math.round(box.left)}–${Math.round(box.right)}px)`
      })
    }
    const clipsText =
      control.tagName !== 'SELECT' && control.tagName !== 'INPUT' && control.scrollWidth > control.clientWidth + 1
    if (clipsText)
      problems.push({
        what: 'control text clipped',
        detail: `${name} (${control.scrollWidth} > ${control.clientWidth}px)`
      })
  }
  return problems
}

async function check(page: Page, name: string, shot: string): Promise<void> {
  // Let fonts, figures and fitted text settle before measuring.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  await page.screenshot({ path: shot, fullPage: true })
  const problems = await page.evaluate(findLayoutProblems)
  expect.soft(problems, `${name}: ${problems.map((p) => `${p.what}: ${p.detail}`).join('; ')}`).toEqual([])
}

for (const size of sizes) {
  const label = `${size.width}x${size.height}`
  test(`every screen at ${label}: nothing overflows sideways and no control is cut off`, async ({
    page,
    app
  }, testInfo) => {
    // Every screen and dialog, each from a fresh page that unlocks with a PIN (scrypt): minutes on a busy machine.
    test.setTimeout(240_000)
    await page.setViewportSize(size)
    await visitEveryScreen(page, app, (screen) =>
      check(page, `${screen.name} at ${label}`, testInfo.outputPath(`${label}-${screen.name}.png`))
    )
  })
}

test.describe('first run', () => {
  test.use({ firstRun: true })
  for (const size of sizes) {
    test(`the setup screen at ${size.width}x${size.height} fits`, async ({ page }, testInfo) => {
      await page.setViewportSize(size)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await check(page, 'setup', testInfo.outputPath(`${size.width}x${size.height}-setup.png`))
    })
  }
})
