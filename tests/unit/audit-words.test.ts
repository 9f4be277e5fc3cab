import { describe, expect, it } from 'vitest'
import { auditActionLabel, auditSubject } from '../../renderer/src/settings/audit-words'

describe('the audit log in words', () => {
  it('leaves consult ids out of what an entry concerned', () => {
    const subject = 'handout for the consult of Ada Lovelace, 2026-11-25 (3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f)'
    expect(auditSubject({ subject, detail: 'A4' })).toBe('handout for the consult of Ada Lovelace, 2026-11-25 — A4')
  })

  it('names backup files (chunked, or whole copies of earlier versions) by their time instead of their file name', () => {
    const text = auditSubject({
      subject: 'consults-20261125-014500-123-manual.manifest',
      detail: 'copy before restoring: consults-20261125-020000-000-before-restore.sqlite'
    })
    expect(text).not.toMatch(/sqlite|manifest|consults-/)
    expect(text).toMatch(/^backup of .+ — copy before restoring: backup made before a restore of .+$/)
  })

  it('gives every action words, even one it does not know yet', () => {
    expect(auditActionLabel('patient-edited')).toBe('Edited a patient')
    expect(auditActionLabel('chain-verified')).toBe('Chain verified')
  })
})
