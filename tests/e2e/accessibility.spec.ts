import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { visitEveryScreen } from './screens'

/** WCAG 2.1 levels A and AA, as axe-core tags them. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

async function violationsOn(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze()
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 4)
        .join(', ')}`
  )
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 }
]) {
  test(`axe finds no WCAG 2.1 A or AA violation on any screen or dialog at ${size.width}x${size.height}`, async ({
    page,
    app
  }, testInfo) => {
    test.setTimeout(240_000)
    await page.setViewportSize(size)
    await visitEveryScreen(page, app, async (screen) => {
      const found = await violationsOn(page)
      if (found.length > 0)
        await page.screenshot({ path: testInfo.outputPath(`axe-${screen.name}.png`), fullPage: true })
      expect.soft(found, `${screen.name}: ${found.join('\n')}`).toEqual([])
    })
  })
}

test.describe('first run', () => {
  test.use({ firstRun: true })
  test('axe finds no WCAG 2.1 A or AA violation on the setup screen', async ({ page }) => {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(await violationsOn(page)).toEqual([])
  })
})
