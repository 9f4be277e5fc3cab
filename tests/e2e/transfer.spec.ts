import { readFileSync } from 'node:fs'
import { addPatient } from './consult-helpers'
import { expect, test } from './fixtures'

test('exports all consults as JSON and CSV with progress, and importing the JSON again adds nothing', async ({ page }, testInfo) => {
  await addPatient(page, 'Ada Lovelace')
  await page.getByRole('button', { name: 'New consult' }).click()
  await expect(page.getByRole('heading', { name: 'Consult: Ada Lovelace' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all consults as JSON' }).click()])
  const jsonPath = testInfo.outputPath('export.json')
  await json.saveAs(jsonPath)
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 consult.' })).toBeVisible()
  expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toMatchObject({ format: 'microneedling-consult-export', version: 1 })

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all consults as CSV' }).click()])
  const csvPath = testInfo.outputPath('export.csv')
  await csv.saveAs(csvPath)
  expect(readFileSync(csvPath, 'utf8')).toContain('Ada Lovelace')

  await page.getByLabel('Import an export (JSON or zip)').setInputFiles(jsonPath)
  await expect(page.getByRole('status').filter({ hasText: 'Imported 0 consults; 1 was already here.' })).toBeVisible()
})
