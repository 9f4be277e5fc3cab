import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { expect, PIN, test, unlock } from './fixtures'

const root = resolve(__dirname, '../..')

test.beforeEach(async ({ app, page }) => {
  await app.stop()
  execFileSync(process.execPath, ['out/main/seed.js', '--consults', '400', '--data', app.dataDir, '--seed', '3'], {
    cwd: root
  })
  await page.goto(await app.start())
  await unlock(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Past consults' }).click()
})

test('lists the newest consults first, in pages', async ({ app, page }) => {
  // Every consult's date, read apart from the search (the export), newest first.
  const [practitioner] = await app.call<{ id: string }[]>('practitioners.list')
  await app.call('session.unlock', { id: practitioner!.id, pin: PIN })
  const dates = new Map<string, string>()
  for (let offset = 0; offset < 400; offset += 250) {
    const { items } = await app.call<{ items: { consult: { id: string; consultedAt: string } }[] }>(
      'transfer.exportPage',
      { patientId: null, offset, limit: 250 }
    )
    for (const { consult } of items) dates.set(consult.id, consult.consultedAt)
  }
  const newestFirst = [...dates.values()].sort().reverse()
  const rows = page.getByRole('list', { name: 'Consults found' }).getByRole('listitem')
  /** The dates of the rows shown, in their order on screen. */
  const shown = async () =>
    (await rows.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))).map((href) =>
      dates.get(/[0-9a-f-]{36}/.exec(href)![0])!
    )

  await expect(page.getByRole('status').filter({ hasText: '1–50 of 400 consults' })).toBeVisible()
  await expect(rows).toHaveCount(50)
  expect(await shown()).toEqual(newestFirst.slice(0, 50))
  await page.getByRole('button', { name: 'Older' }).click()
  await expect(page.getByRole('status').filter({ hasText: '51–100 of 400' })).toBeVisible()
  expect(await shown()).toEqual(newestFirst.slice(50, 100))
  await page.getByRole('button', { name: 'Newer' }).click()
  await expect(page.getByRole('status').filter({ hasText: '1–50 of 400' })).toBeVisible()
  expect(await shown()).toEqual(newestFirst.slice(0, 50))
})

test('finds by part of a name and by a word from the notes, highlighted', async ({ page }) => {
  const results = page.getByRole('list', { name: 'Consults found' })
  await page.getByLabel('Search consults').pressSequentially('lovel')
  await expect(results.locator('mark').first()).toHaveText('Lovelace')
  for (const name of await results.locator('.name').allTextContents()) expect(name).toContain('Lovelace')

  await page.getByLabel('Search consults').fill('wedding')
  await expect(results.locator('mark', { hasText: 'wedding' }).first()).toBeVisible()
})

test('filters combine with the search, then a consult opens and takes an amendment', async ({ page }) => {
  const status = page.getByRole('status').filter({ hasText: /of [\d,]+\s+consults?/ })
  await expect(status).toContainText('of 400')
  await page.getByLabel('Area').selectOption({ label: 'Face' })
  await page.getByLabel('Signed').check()
  await page.getByLabel('Flagged screening').check()
  await expect(status).not.toContainText('of 400')
  await expect(page.getByRole('list', { name: 'Consults found' })).toHaveAttribute('aria-busy', 'false') // the last filter's answer is in
  const filtered = Number((await status.textContent())!.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''))
  expect(filtered).toBeGreaterThan(0)
  const results = page.getByRole('list', { name: 'Consults found' })
  await expect(results.getByRole('listitem')).toHaveCount(Math.min(filtered, 50))
  for (const row of await results.getByRole('listitem').all()) {
    await expect(row).toContainText('Face')
    await expect(row).toContainText('Signed')
    await expect(row).toContainText(/do not treat|to judge/)
  }

  // The search narrows the filtered list further: by the first row's surname.
  const firstName = (await results.locator('.name').first().textContent())!.trim()
  const surname = firstName.split(' ').at(-1)!
  await page.getByLabel('Search consults').fill(surname)
  await expect(results.locator('mark').first()).toBeVisible()
  await expect(results.locator('.name').filter({ hasNotText: surname })).toHaveCount(0)
  for (const row of await results.getByRole('listitem').all()) await expect(row).toContainText('Face')
  await results
    .getByRole('link', { name: new RegExp(firstName) })
    .first()
    .click()

  await expect(page.getByText('Signature check passed')).toBeVisible()
  await expect(page.getByText(/Do not treat today:|Needs judgement:/).first()).toBeVisible()
  await page.getByRole('button', { name: 'Add an amendment…' }).click()
  await page.getByLabel('Amendment text').fill('Reviewed before the follow-up session.')
  await page.getByLabel('PIN').fill('2468')
  await page.getByRole('button', { name: 'Add amendment' }).click()
  await expect(
    page.getByRole('region', { name: 'Amendments' }).getByText('Reviewed before the follow-up session.')
  ).toBeVisible()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Past consults' }).click()
  await page.getByLabel('Search consults').fill('follow-up session')
  await expect(
    page.getByRole('list', { name: 'Consults found' }).locator('mark', { hasText: 'follow' }).first()
  ).toBeVisible()
})

test('clearing the filters brings every consult back; no match says what to do', async ({ page }) => {
  await page.getByLabel('Search consults').fill('zzzzqx')
  await expect(page.getByText('No consults match. Try fewer words, or clear the filters.')).toBeVisible()
  await page.getByLabel('Search consults').fill('')
  await page.getByLabel('Drafts').check()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'of 400 consults' })).toBeVisible()
})

test('past 1,000 the total says "1,000+" until asked to count them all', async ({ app, page }) => {
  await app.stop()
  execFileSync(process.execPath, ['out/main/seed.js', '--consults', '800', '--data', app.dataDir, '--seed', '4'], {
    cwd: root
  })
  await page.goto(await app.start())
  await unlock(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Past consults' }).click()
  const status = page.getByRole('status').filter({ hasText: /of [\d,]+/ })
  await expect(status).toContainText('1–50 of 1,000+ consults')
  await expect(status).toContainText('more than 1,000')
  await page.getByLabel('Search consults').fill('a')
  await expect(status).toContainText('of 1,000+ consults')
  await page.screenshot({ path: test.info().outputPath('past-consults-1000-plus.png') })
  await page.getByRole('button', { name: 'Count all' }).click()
  await expect(status).toContainText(/1–50 of 1,\d{3} consults/)
  await expect(page.getByRole('button', { name: 'Count all' })).toHaveCount(0)

  // A new search counts up to 1,000 again; the pager still goes further.
  await page.getByLabel('Search consults').fill('')
  await expect(status).toContainText('1–50 of 1,000+ consults')
  await page.getByRole('button', { name: 'Older' }).click()
  await expect(status).toContainText('51–100 of 1,000+')
})
