import { describe, expect, it } from 'vitest'
import { auditFeed } from './audit-feed.svelte'

describe('the audit feed', () => {
  it.each([
    'patients.get',
    'consults.list',
    'patients.search',
    'patients.count',
    'app.info',
    'settings.state',
    'consults.forPatient'
  ])('%s only reads, so the audit log is not read again', (channel) => {
    const before = auditFeed.version
    auditFeed.noteCall(channel)
    expect(auditFeed.version).toBe(before)
  })

  it.each([
    'consults.sign',
    'consults.amend',
    'backups.create',
    'backups.restore',
    'transfer.exportPage',
    'transfer.importBatch',
    'session.unlock',
    'patients.update'
  ])('%s may record something, so the audit log is read again', (channel) => {
    const before = auditFeed.version
    auditFeed.noteCall(channel)
    expect(auditFeed.version).toBe(before + 1)
  })

  it('a method whose name only contains a read’s name counts as a write', () => {
    const before = auditFeed.version
    for (const channel of ['consents.getAndPrint', 'photos.forget', 'backups.listed', 'practitioners.restate'])
      auditFeed.noteCall(channel)
    expect(auditFeed.version).toBe(before + 4)
  })
})
