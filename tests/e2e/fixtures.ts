import { test as base } from '@playwright/test'
import { makeTempDir } from '../support/temp-dir'
import { WebApp } from '../support/web-app'

/** Every test gets its own data folder and its own browser-mode server. */
export const test = base.extend<{ app: WebApp }>({
  app: [
    async ({ page }, use) => {
    const dir = makeTempDir('mnc-e2e-')
    const app = new WebApp(dir.path)
    await app.start()
    await page.goto(app.url)
    await use(app)
    await app.stop()
    dir.remove()
    },
    { auto: true }
  ]
})

export { expect } from '@playwright/test'
