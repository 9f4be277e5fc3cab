import { randomUUID } from 'node:crypto'
import type { Practitioner } from '../../electron/contract'
import type { ReadableDB, WritableDB } from '../types'
import { preparedStatements } from './prepared'

type PractitionerRow = Readonly<{
  id: string
  name: string
  pin_hash: string
  active: 0 | 1
  created_at: string
  updated_at: string
}>

const rowToPractitioner = (row: PractitionerRow): Practitioner => ({
  id: row.id,
  name: row.name,
  active: row.active === 1
})

const prepared = preparedStatements((db) => ({
  all: db.prepare<[], PractitionerRow>('SELECT * FROM practitioners ORDER BY active DESC, name COLLATE NOCASE'),
  byId: db.prepare<[id: string], PractitionerRow>('SELECT * FROM practitioners WHERE id = ?'),
  byName: db.prepare<[name: string], PractitionerRow>('SELECT * FROM practitioners WHERE name = ? COLLATE NOCASE'),
  count: db.prepare<[], number>('SELECT count(*) FROM practitioners').pluck(),
  insert: db.prepare<{ id: string; name: string; pin_hash: string; now: string }>(
    'INSERT INTO practitioners (id, name, pin_hash, active, created_at, updated_at) VALUES (@id, @name, @pin_hash, 1, @now, @now)'
  ),
  rename: db.prepare<{ id: string; name: string; now: string }>(
    'UPDATE practitioners SET name = @name, updated_at = @now WHERE id = @id'
  ),
  setActive: db.prepare<{ id: string; active: 0 | 1; now: string }>(
    'UPDATE practitioners SET active = @active, updated_at = @now WHERE id = @id'
  ),
  setPin: db.prepare<{ id: string; pin_hash: string; now: string }>(
    'UPDATE practitioners SET pin_hash = @pin_hash, updated_at = @now WHERE id = @id'
  )
}))

export const listPractitioners = (db: ReadableDB): Practitioner[] => prepared(db).all.all().map(rowToPractitioner)

export const countPractitioners = (db: ReadableDB): number => prepared(db).count.get()!

export function getPractitioner(db: ReadableDB, id: string): Practitioner | undefined {
  const row = prepared(db).byId.get(id)
  return row && rowToPractitioner(row)
}

/** For checking a PIN only: the hash never leaves the service layer. */
export function practitionerWithHash(db: ReadableDB, id: string): (Practitioner & { pinHash: string }) | undefined {
  const row = prepared(db).byId.get(id)
  return row && { ...rowToPractitioner(row), pinHash: row.pin_hash }
}

export const nameTaken = (db: ReadableDB, name: string, exceptId?: string): boolean => {
  const row = prepared(db).byName.get(name)
  return row !== undefined && row.id !== exceptId
}

export function insertPractitioner(db: WritableDB, name: string, pinHash: string, now = new Date()): Practitioner {
  const id = randomUUID()
  prepared(db).insert.run({ id, name, pin_hash: pinHash, now: now.toISOString() })
  return { id, name, active: true }
}

export const renamePractitioner = (db: WritableDB, id: string, name: string, now = new Date()): boolean =>
  prepared(db).rename.run({ id, name, now: now.toISOString() }).changes === 1

export const setPractitionerActive = (db: WritableDB, id: string, active: boolean, now = new Date()): boolean =>
  prepared(db).setActive.run({ id, active: active ? 1 : 0, now: now.toISOString() }).changes === 1

export const setPractitionerPin = (db: WritableDB, id: string, pinHash: string, now = new Date()): boolean =>
  prepared(db).setPin.run({ id, pin_hash: pinHash, now: now.toISOString() }).changes === 1
