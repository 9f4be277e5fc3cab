import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { loadContent } from '../../content/load'
import { expect, PIN, test } from './fixtures'

const screens = loadContent(resolve(__dirname, '../../content')).guide
const titles = screens.map((s) => s.title)

async function openGuide(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patient guide' }).click()
  await expect(page.getByRole('heading', { name: 'Patient guide' })).toBeVisible()
}

const slideTitle = (page: Page) =>
  page.getByRole('region', { name: /Screen \d+ of/ }).getByRole('heading', { level: 2 })

test('walks through every screen with the Previous and Next buttons', async ({ page }) => {
  await openGuide(page)
  await expect(page.getByRole('button', { name: 'Previous', exact: true })).toBeDisabled()
  for (const [index, title] of titles.entries()) {
    await expect(slideTitle(page)).toHaveText(title)
    await expect(page.getByText(`${index + 1} of ${titles.length}`, { exact: true })).toBeVisible()
    if (index < titles.length - 1) await page.getByRole('button', { name: 'Next', exact: true }).click()
  }
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled()
  for (const title of [...titles].reverse().slice(1)) {
    await page.getByRole('button', { name: 'Previous', exact: true }).click()
    await expect(slideTitle(page)).toHaveText(title)
  }
  await page.getByRole('button', { name: `Go to screen 5: ${titles[4]}` }).click()
  await expect(slideTitle(page)).toHaveText(titles[4]!)
})

test('walks through every screen by keyboard alone', async ({ page }) => {
  await page.keyboard.press('Tab')
  await page.getByRole('link', { name: 'Patient guide' }).focus()
  await page.keyboard.press('Enter')
  await expect(slideTitle(page)).toHaveText(titles[0]!)
  for (const title of titles.slice(1)) {
    await page.keyboard.press('ArrowRight')
    await expect(slideTitle(page)).toHaveText(title)
  }
  await page.keyboard.press('ArrowRight')
  await expect(slideTitle(page)).toHaveText(titles.at(-1)!)
  await page.keyboard.press('Home')
  await expect(slideTitle(page)).toHaveText(titles[0]!)
  await page.keyboard.press('End')
  await expect(slideTitle(page)).toHaveText(titles.at(-1)!)
  await page.keyboard.press('ArrowLeft')
  await expect(slideTitle(page)).toHaveText(titles.at(-2)!)

  // The buttons themselves work from the keyboard too.
  await page.getByRole('button', { name: 'Next', exact: true }).focus()
  await page.keyboard.press('Enter')
  await expect(slideTitle(page)).toHaveText(titles.at(-1)!)
})

test('a swipe moves between screens', async ({ page }) => {
  await openGuide(page)
  const stage = page.getByRole('region', { name: /Screen \d+ of/ })
  const box = (await stage.boundingBox())!
  const y = box.y + box.height / 2
  const swipe = async (from: number, to: number) => {
    await page.mouse.move(from, y)
    await page.mouse.down()
    await page.mouse.move(to, y, { steps: 5 })
    await page.mouse.up()
  }
  await swipe(box.x + box.width * 0.8, box.x + box.width * 0.2)
  await expect(slideTitle(page)).toHaveText(titles[1]!)
  await swipe(box.x + box.width * 0.2, box.x + box.width * 0.8)
  await expect(slideTitle(page)).toHaveText(titles[0]!)
})

test('lists the sources of each screen behind a toggle', async ({ page }) => {
  await openGuide(page)
  const toggle = page.getByRole('button', { name: `Sources (${screens[0]!.sources.length})` })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('link', { name: 'dermnetnz.org' })).toHaveAttribute('href', screens[0]!.sources[0]!.url)
})

test('presentation mode shows only the guide, and leaving it is deliberate and recorded', async ({ page }) => {
  await page.getByLabel('Find or add a patient').fill('Ada Lovelace')
  await page.getByLabel('Find or add a patient').press('Enter')
  await page.getByRole('button', { name: 'Save patient' }).click()
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible()

  await openGuide(page)
  await page.getByRole('button', { name: 'Next', exact: true }).click()
  await page.getByRole('button', { name: 'Present from here' }).click()

  await expect(slideTitle(page)).toHaveText(titles[1]!)
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  await expect(page.getByText('Ada Lovelace').filter({ visible: true })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Patient guide' })).toHaveCount(0)

  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(slideTitle(page)).toHaveText(titles[3]!)

  await page.getByRole('button', { name: 'End presentation' }).click()
  const dialog = page.getByRole('dialog', { name: 'End the presentation?' })
  await expect(dialog).toBeVisible()
  // Arrow keys do nothing behind the dialog, and "Keep presenting" changes nothing.
  await page.keyboard.press('ArrowRight')
  await dialog.getByRole('button', { name: 'Keep presenting' }).click()
  await expect(slideTitle(page)).toHaveText(titles[3]!)
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)

  // Leaving needs a practitioner's PIN: a wrong one keeps the patient in the guide.
  await page.getByRole('button', { name: 'End presentation' }).click()
  await dialog.getByLabel('PIN').fill('0000')
  await dialog.getByRole('button', { name: 'End presentation' }).click()
  await expect(dialog.getByText('That PIN is not right.')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  await dialog.getByLabel('PIN').fill(PIN)
  await dialog.getByRole('button', { name: 'End presentation' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText(
    `Last presentation showed 3 of ${titles.length} screens: ${titles.slice(1, 4).join(' · ')}`
  )
})

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]) {
  test(`no text overflows its box at ${size.width}×${size.height}`, async ({ page }, testInfo) => {
    await page.setViewportSize(size)
    await openGuide(page)
    for (const mode of ['guide', 'presentation'] as const) {
      if (mode === 'presentation') {
        await page.getByRole('button', { name: 'Present to patient' }).click()
        await page.keyboard.press('Home')
      }
      for (const [index, screen] of screens.entries()) {
        await expect(slideTitle(page)).toHaveText(screen.title)
        await page.evaluate(() => new Promise(requestAnimationFrame))
        const problems = await page.evaluate(() => {
          const found: string[] = []
          const doc = document.documentElement
          if (doc.scrollHeight > innerHeight + 1 || doc.scrollWidth > innerWidth + 1) found.push('the page scrolls')
          const text = document.querySelector<HTMLElement>('.slide .text')!
          if (text.scrollHeight > text.clientHeight + 1) found.push('the text is taller than its box')
          const box = text.getBoundingClientRect()
          for (const el of text.querySelectorAll<HTMLElement>('h2, p, li')) {
            const r = el.getBoundingClientRect()
            if (r.bottom > box.bottom + 1 || r.right > box.right + 1)
              found.push(`"${el.textContent?.slice(0, 30)}" spills out`)
          }
          for (const el of document.querySelectorAll<HTMLElement>('button, .slide svg')) {
            const r = el.getBoundingClientRect()
            if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1)
              found.push(`${el.tagName} "${el.textContent?.trim().slice(0, 20)}" is off screen`)
            if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1)
              found.push(`button "${el.textContent?.trim()}" clips its label`)
          }
          return found
        })
        const shot = testInfo.outputPath(`${mode}-${size.width}x${size.height}-${index + 1}-${screen.id}.png`)
        await page.screenshot({ path: shot })
        expect(problems, `${mode}, screen ${screen.id}`).toEqual([])
        await page.keyboard.press('ArrowRight')
      }
    }
  })
}

test('Previous and Next show their arrows beside their labels, on one line', async ({ page }) => {
  await openGuide(page)
  await page.getByRole('button', { name: 'Next', exact: true }).click()
  for (const [name, arrowFirst] of [
    ['Previous', true],
    ['Next', false]
  ] as const) {
    const button = page.getByRole('button', { name, exact: true })
    const boxes = await button.evaluate((el) => {
      const arrow = el.querySelector('[aria-hidden="true"]')!.getBoundingClientRect()
      const range = document.createRange()
      const label = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!
      range.selectNodeContents(label)
      const text = range.getBoundingClientRect()
      return {
        arrow: { left: arrow.left, right: arrow.right, mid: arrow.top + arrow.height / 2 },
        text: { left: text.left, right: text.right, mid: text.top + text.height / 2 }
      }
    })
    expect(Math.abs(boxes.arrow.mid - boxes.text.mid), `${name}: same line`).toBeLessThan(4)
    if (arrowFirst) expect(boxes.arrow.right).toBeLessThanOrEqual(boxes.text.left)
    else expect(boxes.arrow.left).toBeGreaterThanOrEqual(boxes.text.right)
  }
})

test('Present to patient starts on the first screen; Present from here starts on the one shown', async ({ page }) => {
  await openGuide(page)
  await expect(page.getByRole('button', { name: 'Present from here' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Go to screen 4: ' + titles[3] }).click()
  await page.getByRole('button', { name: 'Present to patient' }).click()
  await expect(slideTitle(page)).toHaveText(titles[0]!)
  await page.getByRole('button', { name: 'End presentation' }).click()
  const dialog = page.getByRole('dialog', { name: 'End the presentation?' })
  await dialog.getByLabel('PIN').fill(PIN)
  await dialog.getByRole('button', { name: 'End presentation' }).click()

  await expect(slideTitle(page)).toHaveText(titles[3]!)
  await page.getByRole('button', { name: 'Present from here' }).click()
  await expect(slideTitle(page)).toHaveText(titles[3]!)
})

test('every screen fills its card: an illustration beside the text, or the text spread across it', async ({ page }) => {
  await openGuide(page)
  for (const [index, screen] of screens.entries()) {
    await page.getByRole('button', { name: `Go to screen ${index + 1}: ${screen.title}` }).click()
    const stage = page.getByRole('region', { name: `Screen ${index + 1} of ${screens.length}` })
    const stageBox = (await stage.boundingBox())!
    if (screen.illustration) {
      await expect(stage.locator('svg').first(), screen.title).toBeVisible()
    } else {
      const textBox = (await stage.locator('h2 + div').boundingBox())!
      expect(textBox.width / stageBox.width, `${screen.title}: text spans the card`).toBeGreaterThan(0.85)
    }
  }
})
