import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseTooNewError, MigrationsOutOfSyncError, schemaVersion } from '../../db/migrate'
import { migrations, type Migration } from '../../db/migrations'
import { openDatabase } from '../../db/open'
import type { WritableDB } from '../../db/types'
import { makeTempDir } from '../support/temp-dir'

let dir: ReturnType<typeof makeTempDir>
let file: string
beforeEach(() => {
  dir = makeTempDir()
  file = join(dir.path, 'consults.sqlite')
})
afterEach(() => dir.remove())

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const tableNames = (db: WritableDB) =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()

describe('opening a fresh database', () => {
  it('runs every migration, sets user_version to the newest, and uses WAL with foreign keys', () => {
    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version)
    expect(tableNames(db)).toContain('patients')
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    db.close()
  })

  it('creates patients as a STRICT table that refuses wrong types and bad values', () => {
    const db = openDatabase(file)
    const sql = db.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'patients'").pluck().get()
    expect(sql).toMatch(/\)\s*STRICT/)
    const insert = db.prepare(
      'INSERT INTO patients (id, full_name, fitzpatrick, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'
    )
    expect(() => insert.run('a', 'Ada', 'six', 'now', 'now')).toThrow(/cannot store TEXT value in INTEGER/)
    expect(() => insert.run('b', 'Ada', 7, 'now', 'now')).toThrow(/CHECK constraint/)
    expect(() => insert.run('c', '   ', 1, 'now', 'now')).toThrow(/CHECK constraint/)
    db.close()
  })

  it('opening again runs nothing and keeps the data', () => {
    const db = openDatabase(file)
    db.prepare("INSERT INTO patients (id, full_name, created_at, updated_at) VALUES ('p', 'Ada', 'x', 'x')").run()
    db.close()
    const again = openDatabase(file)
    expect(again.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 })
    again.close()
  })
})

describe('upgrading', () => {
  const addNotes: Migration = {
    version: 9000,
    up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT')
  }

  it('runs only the pending migrations of an older database', () => {
    openDatabase(file, { migrations: migrations.slice(0, 1) }).close()
    const db = openDatabase(file, { migrations: [...migrations, addNotes] })
    expect(schemaVersion(db)).toBe(9000)
    expect(tableNames(db)).toEqual(expect.arrayContaining(['patients', 'consults', 'amendments', 'notes']))
    db.close()
  })

  it('counts the “do not treat” answers of consults stored before flag levels, signed ones too, and keeps them read-only', () => {
    const before = migrations.filter((m) => m.version < 90)
    const old = openDatabase(file, { migrations: before })
    old.prepare("INSERT INTO patients (id, full_name, created_at, updated_at) VALUES ('p', 'Ada', 'x', 'x')").run()
    const insert = old.prepare(`
      INSERT INTO consults (id, patient_id, status, practitioner, consulted_at, areas, no_areas_note, screening, plan, notes,
        guide_shown, flag_count, created_at, updated_at, signed_at, signed_by, content_hash)
      VALUES (?, 'p', ?, 'Dr', 'x', '[]', '', ?, '{}', '', '[]', 0, 'x', 'x', ?, ?, ?)`)
    const screening = JSON.stringify([
      { questionId: 'pregnancy', answer: 'yes', note: '' },
      { questionId: 'broken-skin', answer: 'unsure', note: '' },
      { questionId: 'keloid', answer: 'yes', note: '' },
      { questionId: 'allergy', answer: 'no', note: '' }
    ])
    insert.run('signed', 'signed', screening, 'x', 'Dr', 'a'.repeat(64))
    insert.run('draft', 'draft', '[]', null, null, null)
    old.close()

    const db = openDatabase(file)
    const counts = db
      .prepare('SELECT id, do_not_treat_count AS n, override_reason AS reason FROM consults ORDER BY id')
      .all()
    expect(counts).toEqual([
      { id: 'draft', n: 0, reason: null },
      { id: 'signed', n: 2, reason: null }
    ])
    expect(() => db.prepare("UPDATE consults SET notes = 'x' WHERE id = 'signed'").run()).toThrow(
      /signed consult cannot be changed/
    )
    db.close()
  })

  it('rolls the whole upgrade back when one step fails', () => {
    openDatabase(file).close()
    const broken: Migration = {
      version: 9010,
      up: (db) => {
        db.exec('CREATE TABLE half_done (id INTEGER) STRICT')
        throw new Error('boom')
      }
    }
    expect(() => openDatabase(file, { migrations: [...migrations, addNotes, broken] })).toThrow('boom')
    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version)
    expect(tableNames(db)).not.toContain('notes')
    expect(tableNames(db)).not.toContain('half_done')
    db.close()
  })
})

describe('migrations 100 and 101 (fast filters)', () => {
  it('carries each tag’s consult date, status and flags (and on an area, its concerns), and keeps the search text, now found from one letter', () => {
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 100) })
    old.exec(`
      INSERT INTO patients (id, full_name, created_at, updated_at) VALUES ('p', 'Ada Lovelace', 'x', 'x');
      INSERT INTO consults (id, patient_id, status, practitioner, consulted_at, areas, no_areas_note, screening, plan,
        notes, guide_shown, flag_count, created_at, updated_at)
        VALUES ('c', 'p', 'draft', 'Dr Hart', '2025-03-01T10:00:00.000Z', '[]', '', '[]', '{}', '', '[]', 2, 'x', 'x');
      INSERT INTO consult_tags (consult_rowid, kind, value) VALUES (1, 'area', 'face'), (1, 'concern', 'acne-scars');
      INSERT INTO consult_search_keys (consult_rowid, search_rowid) VALUES (1, 7);
      INSERT INTO consult_search (rowid, patient_name, concerns, notes, amendments, consult_rowid, consulted_at, status, flag_count)
        VALUES (7, 'Ada Lovelace', 'Face', '', '', 1, '2025-03-01T10:00:00.000Z', 'draft', 2);
    `)
    old.close()
    const db = openDatabase(file)
    expect(db.prepare('SELECT * FROM consult_tags ORDER BY kind').all()).toEqual([
      {
        kind: 'area',
        value: 'face',
        consulted_at: '2025-03-01T10:00:00.000Z',
        status: 'draft',
        flag_count: 2,
        consult_rowid: 1,
        concerns: '|acne-scars|'
      },
      {
        kind: 'concern',
        value: 'acne-scars',
        consulted_at: '2025-03-01T10:00:00.000Z',
        status: 'draft',
        flag_count: 2,
        consult_rowid: 1,
        concerns: ''
      }
    ])
    expect(
      db.prepare(`SELECT rowid, patient_name FROM consult_search WHERE consult_search MATCH '"l"*'`).all()
    ).toEqual([{ rowid: 7, patient_name: 'Ada Lovelace' }])
    const search = db.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'consult_search'").pluck().get()
    expect(search).toContain("prefix = '1 2 3'")
    db.close()
  })
})

describe('a database from a newer app version', () => {
  it('is refused with a clear message and left byte for byte untouched', () => {
    const raw = new Database(file)
    raw.exec('CREATE TABLE future (x) ; PRAGMA user_version = 999')
    raw.close()
    const before = sha256(file)

    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError)
    expect(() => openDatabase(file)).toThrow(/newer version of Microneedling Consult.*Update the app/)
    expect(sha256(file)).toBe(before)
  })
})

describe("the database's migration history", () => {
  const step = (version: number): Migration => ({
    version,
    up: (db) => db.exec(`CREATE TABLE step_${version} (id INTEGER PRIMARY KEY) STRICT`)
  })
  const applied = (db: WritableDB) =>
    db.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck().all()

  it('records every migration it applies', () => {
    const db = openDatabase(file)
    expect(applied(db)).toEqual(migrations.map((m) => m.version))
    db.close()
  })

  it('refuses a list of migrations whose versions do not strictly increase', () => {
    const twice = [...migrations, step(9000), step(9000)]
    expect(() => openDatabase(file, { migrations: twice })).toThrow(/strictly increase: 9000 comes after 9000/)
    const backwards = [...migrations, step(9000), step(8000)]
    expect(() => openDatabase(file, { migrations: backwards })).toThrow(/strictly increase: 8000 comes after 9000/)
  })

  it('refuses, untouched, a database past a migration added below it', () => {
    openDatabase(file, { migrations: [...migrations, step(9000), step(9020)] }).close()
    const before = sha256(file)
    const slottedIn = [...migrations, step(9000), step(9010), step(9020)]
    expect(() => openDatabase(file, { migrations: slottedIn })).toThrow(MigrationsOutOfSyncError)
    expect(() => openDatabase(file, { migrations: slottedIn })).toThrow(/lacks migration 9010/)
    expect(sha256(file)).toBe(before)
  })

  it('refuses, untouched, a database with a migration this version does not have', () => {
    openDatabase(file, { migrations: [...migrations, step(9000)] }).close()
    const before = sha256(file)
    const other = [...migrations, step(9005), step(9010)]
    expect(() => openDatabase(file, { migrations: other })).toThrow(
      /has migration 9000, which this version does not have/
    )
    expect(sha256(file)).toBe(before)
  })

  it('writes down the history of a database made before it was kept', () => {
    const old = openDatabase(file)
    old.exec('DROP TABLE schema_migrations')
    old.close()
    const db = openDatabase(file, { migrations: [...migrations, step(9000)] })
    expect(applied(db)).toEqual([...migrations.map((m) => m.version), 9000])
    expect(tableNames(db)).toContain('step_9000')
    db.close()
  })
})
