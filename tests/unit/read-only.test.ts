import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, openReadOnly } from '../../db/open'
import { getPatient, insertPatient } from '../../db/queries/patients'
import type { ReadableDB, WritableDB } from '../../db/types'
import { makeTempDir } from '../support/temp-dir'

const fields = { fullName: 'Ada Lovelace', dateOfBirth: null, phone: null, email: null, fitzpatrick: null, notes: null }

describe('a read-only database handle (ReadableDB)', () => {
  let dir: ReturnType<typeof makeTempDir>
  let file: string
  let patientId: string

  beforeEach(() => {
    dir = makeTempDir()
    file = join(dir.path, 'consults.sqlite')
    const db = openDatabase(file)
    patientId = insertPatient(db, fields).id
    db.close()
  })
  afterEach(() => dir.remove())

  it('reads the file, and SQLite refuses every write to it (SQLITE_READONLY), leaving the file as it was', () => {
    const before = readFileSync(file)
    const db = openReadOnly(file)
    try {
      expect(getPatient(db, patientId)?.fullName).toBe('Ada Lovelace')
      // Past the types, as a cast or `any` would get: SQLite itself refuses.
      expect(() => insertPatient(db as WritableDB, fields)).toThrow(
        expect.objectContaining({ code: 'SQLITE_READONLY' }) as Error
      )
      expect(() => db.exec("UPDATE patients SET full_name = 'Changed'")).toThrow(
        expect.objectContaining({ code: 'SQLITE_READONLY' }) as Error
      )
    } finally {
      db.close()
    }
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('does not create a file that is not there', () => {
    const missing = join(dir.path, 'missing.sqlite')
    expect(() => openReadOnly(missing)).toThrow()
    expect(existsSync(missing)).toBe(false)
  })

  it('cannot be handed to code that writes: the compiler refuses it (checked by `npm run typecheck`)', () => {
    const db: ReadableDB = openReadOnly(file)
    try {
      // A function that writes asks for a WritableDB; a ReadableDB is not one. If the two
      // types became the same, this directive would be unused and tsc would fail.
      // @ts-expect-error a ReadableDB is not a WritableDB
      const write = () => insertPatient(db, fields)
      expect(write).toThrow()
    } finally {
      db.close()
    }
  })
})
