import { expect, test as base, type Page } from '@playwright/test'
import { makeTempDir } from '../support/temp-dir'
import { WebApp } from '../support/web-app'

/** Every test's practitioner, made at first-run setup. */
export const PRACTITIONER = 'Dr Grace Hopper'
export const PIN = '2468'

/** Every page load starts locked: unlocks as the test's practitioner. */
export async function unlock(page: Page, pin = PIN): Promise<void> {
  const lock = page.getByRole('dialog', { name: 'Microneedling Consult is locked' })
  await lock.getByLabel('PIN').fill(pin)
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock).toHaveCount(0)
}

/**
 * Every test gets its own data folder and its own browser-mode server, set up with a clinic
 * and one practitioner unless the test asks for a first run (`test.use({ firstRun: true })`).
 */
export const test = base.extend<{ app: WebApp; firstRun: boolean }>({
  firstRun: [false, { option: true }],
  app: [
    async ({ page, firstRun }, use) => {
      const dir = makeTempDir('mnc-e2e-')
      const app = new WebApp(dir.path)
      try {
        await app.start()
        if (!firstRun) {
          await app.call('setup.complete', { clinicName: 'Test Clinic', practitionerName: PRACTITIONER, pin: PIN })
        }
        await page.goto(app.url)
        if (!firstRun) await unlock(page)
        await use(app)
      } finally {
        // Also when setting up or a test failed: no server is left running.
        await app.stop()
        dir.remove()
      }
    },
    { auto: true }
  ]
})

export { expect }
