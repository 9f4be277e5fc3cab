import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { addPatient } from './consult-helpers'
import { expect, test } from './fixtures'

test('exports all consults as JSON and CSV, and importing the JSON again adds nothing', async ({ page }, testInfo) => {
  await addPatient(page, 'Ada Lovelace')
  await page.getByRole('button', { name: 'New consult' }).click()
  await expect(page.getByRole('heading', { name: 'Consult: Ada Lovelace' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export all consults as JSON' }).click()
  ])
  const jsonPath = testInfo.outputPath('export.json')
  await json.saveAs(jsonPath)
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 consult.' })).toBeVisible()
  expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toMatchObject({
    format: 'microneedling-consult-export',
    version: 2
  })

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export all consults as CSV' }).click()
  ])
  const csvPath = testInfo.outputPath('export.csv')
  await csv.saveAs(csvPath)
  expect(readFileSync(csvPath, 'utf8')).toContain('Ada Lovelace')

  await page.getByLabel('Import an export (JSON or zip)').setInputFiles(jsonPath)
  await expect(page.getByRole('status').filter({ hasText: 'Imported 0 consults; 1 was already here.' })).toBeVisible()
})

test('imports an export far larger than one request of the bridge, showing its progress and reporting every consult', async ({
  page
}, testInfo) => {
  // 300 consults with long notes: about 2.5 MB of JSON, over twice the bridge's old 1 MiB limit.
  const now = new Date().toISOString()
  const items = Array.from({ length: 300 }, (_, i) => {
    const patientId = randomUUID()
    return {
      consult: {
        id: randomUUID(),
        patientId,
        status: 'draft',
        practitioner: 'Dr Hart',
        consultedAt: now,
        areas: [],
        noAreasNote: '',
        screening: [],
        plan: { sessions: null, intervalWeeks: null, customised: false, addOns: [], timeline: '', priceQuote: '' },
        notes: `Consult ${i}. ${'Long notes about the skin and the plan. '.repeat(200)}`,
        guideShown: [],
        createdAt: now,
        updatedAt: now,
        signedAt: null,
        signedBy: null,
        contentHash: null,
        signature: null,
        signingKeyId: null
      },
      patient: {
        id: patientId,
        fullName: `Patient ${i}`,
        dateOfBirth: null,
        phone: null,
        email: null,
        fitzpatrick: null,
        createdAt: now,
        updatedAt: now
      },
      amendments: [],
      keys: []
    }
  })
  const path = testInfo.outputPath('large.json')
  writeFileSync(path, JSON.stringify({ format: 'microneedling-consult-export', version: 2, exportedAt: now, items }))
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  // Every state of the progress bar while the import runs, as the screen showed it.
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"], progress')
      const label = bar?.closest('label')?.textContent?.replace(/\s+/g, ' ').trim()
      if (bar && label && seen.at(-1) !== label) seen.push(label)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  await page.getByLabel('Import an export (JSON or zip)').setInputFiles(path)
  await expect(page.getByRole('progressbar', { name: /of 300 consults/ })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Imported 300 consults; 0 were already here.' })).toBeVisible(
    { timeout: 60_000 }
  )
  await expect(page.getByRole('progressbar')).toHaveCount(0)
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
  const counts = seen.map((label) => Number(/^(\d+) of 300 consults$/.exec(label)![1]))
  // It starts at 0 and counts up batch by batch, through at least one step between.
  expect(counts[0]).toBe(0)
  expect(counts.some((done) => done > 0 && done < 300)).toBe(true)
  expect(counts).toEqual([...counts].sort((a, b) => a - b))
})
