import fc from 'fast-check'
import content from 'virtual:content'
import { describe, expect, it } from 'vitest'
import {
  importBatchSchema,
  newPatientSchema,
  type Consult,
  type ConsultRecord,
  type ExportPage,
  type ImportResult,
  type Patient
} from '../../electron/contract'
import { csvCell, exportCsv, exportJson, readExport } from '../../renderer/src/transfer/export-file'
import { databaseDigest } from '../support/db-digest'
import { TestService, useTestService } from '../support/test-service'

/** A CSV reader after RFC 4180, to check the cells a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += char
  }
  return rows
}

describe('export and import', () => {
  const ts = useTestService()

  async function fill(): Promise<void> {
    const ada = await ts.call<Patient>('patients.create', { fullName: 'Ada Lovelace' })
    const grace = await ts.call<Patient>('patients.create', { fullName: 'Grace Hopper, "Amazing"' })
    for (const [patient, note] of [
      [ada, 'first'],
      [ada, 'second'],
      [grace, 'third, with a comma']
    ] as const) {
      const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
      await ts.call('consults.saveDraft', {
        id: consult.id,
        draft: {
          consultedAt: consult.consultedAt,
          practitioner: 'Dr Hart',
          notes: note,
          areas: [{ areaId: 'face', concerns: ['acne-scars'] }]
        }
      })
      if (note !== 'second') {
        await ts.sign(consult.id)
        await ts.amend(consult.id, `amended ${note}`, 'Dr Hart')
      }
    }
  }

  async function exportAll(patientId: string | null = null, limit = 2) {
    const items = []
    for (let offset = 0; ; offset += limit) {
      const page = await ts.call<ExportPage>('transfer.exportPage', { patientId, offset, limit })
      items.push(...page.items)
      if (page.items.length < limit) return { items, total: page.total }
    }
  }

  it('a JSON export, imported into a new database, gives the same records; importing again adds nothing', async () => {
    await fill()
    const { items, total } = await exportAll()
    expect(total).toBe(3)
    const file = exportJson(items)
    // Keys arrive as public keys only (no private half), so they are compared on their own below.
    const before = databaseDigest(ts.service.databasePath, [
      'audit_log',
      'practitioners',
      'signing_keys',
      'clinic_settings'
    ])

    const other = new TestService({ practitioner: 'Dr Ada Other' })
    await other.start()
    try {
      const first = await other.call<ImportResult>('transfer.importBatch', { items: readExport(file) })
      expect(first).toEqual({ added: 3, skipped: 0, refused: [] })
      expect(
        databaseDigest(other.service.databasePath, ['audit_log', 'practitioners', 'signing_keys', 'clinic_settings'])
      ).toBe(before)
      const again = await other.call<ImportResult>('transfer.importBatch', { items: readExport(file) })
      expect(again).toEqual({ added: 0, skipped: 3, refused: [] })
      const signed = items.find((i) => i.consult.status === 'signed')!
      const record = await other.call<ConsultRecord>('consults.get', { id: signed.consult.id })
      expect(record.integrity).toBe('ok')
      expect(record.amendments).toHaveLength(1)
    } finally {
      other.stop()
    }
  })

  it('imports every patient detail the app saves: each phone character, a long e-mail, a birth date already today where the file was made', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const details = [
      { fullName: ' Zoë Ångström-Núñez ', phone: '+44 (0)20 7946.0958-12', email: 'zoe.o-brien+clinic@example.co.uk' },
      { fullName: 'x'.repeat(200), phone: '0'.repeat(40), email: `${'a'.repeat(64)}@${'b'.repeat(60)}.example.com` },
      { fullName: 'Born 1900', dateOfBirth: '1900-01-01', phone: '', email: '' },
      { fullName: 'Born today', dateOfBirth: today, fitzpatrick: 6, notes: 'n'.repeat(2000) },
      { fullName: 'Only a name' }
    ]
    for (const fields of details) {
      const patient = await ts.call<Patient>('patients.create', fields)
      await ts.call<Consult>('consults.create', { patientId: patient.id })
    }
    const { items } = await exportAll(null, 10)
    expect(items).toHaveLength(details.length)
    // A clinic whose clock is a day ahead exports a patient born "today" there: tomorrow here.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const file = exportJson(
      items.map((item) =>
        item.patient.dateOfBirth === today ? { ...item, patient: { ...item.patient, dateOfBirth: tomorrow } } : item
      )
    )

    const other = new TestService({ practitioner: 'Dr Ada Other' })
    await other.start()
    try {
      const result = await other.call<ImportResult>('transfer.importBatch', { items: readExport(file) })
      expect(result).toEqual({ added: details.length, skipped: 0, refused: [] })
      const imported = await other.call<Patient>('patients.get', { id: items[0]!.patient.id })
      expect(imported).toEqual(items[0]!.patient)
    } finally {
      other.stop()
    }
  })

  it('the import accepts any patient the patient form can save, exactly as saved', () => {
    const patientInFile = importBatchSchema.shape.items.element.shape.patient
    const phone = fc.stringMatching(/^[+\d][\d ().-]{0,39}$/)
    const form = fc.record(
      {
        fullName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        dateOfBirth: fc
          .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(), noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10)),
        phone: fc.oneof(fc.constant(''), phone),
        email: fc.oneof(fc.constant(''), fc.emailAddress()),
        fitzpatrick: fc.integer({ min: 1, max: 6 }),
        notes: fc.string({ maxLength: 2000 })
      },
      { requiredKeys: ['fullName'] }
    )
    fc.assert(
      fc.property(form, fc.uuid({ version: 4 }), (input, id) => {
        const saved = newPatientSchema.safeParse(input)
        fc.pre(saved.success)
        const stamp = new Date().toISOString()
        const patient: Patient = { id, ...saved.data!, createdAt: stamp, updatedAt: stamp }
        expect(patientInFile.parse(JSON.parse(JSON.stringify(patient)))).toEqual(patient)
      }),
      { numRuns: 2000 }
    )
  })

  it('exports one patient’s consults only', async () => {
    await fill()
    const ada = (await ts.call<Patient[]>('patients.search', { query: 'ada' }))[0]!
    const { items } = await exportAll(ada.id)
    expect(items.map((i) => i.consult.notes)).toEqual(expect.arrayContaining(['first', 'second']))
    expect(items.every((i) => i.patient.id === ada.id)).toBe(true)
  })

  it('a CSV export has one row per consult, quoted where needed', async () => {
    await fill()
    const csv = exportCsv(content, (await exportAll()).items)
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^consult id,patient,/)
    expect(csv).toContain('"Grace Hopper, ""Amazing"""')
    expect(csv).toContain('"third, with a comma"')
    expect(csv).toContain('Acne scars')
  })

  it('a CSV export neutralises every cell a spreadsheet would run as a formula (OWASP)', async () => {
    const names = ['=HYPERLINK("https://evil.example","Click")', '+1+1', '-2+3', '@SUM(A1:A9)']
    for (const fullName of names) {
      const patient = await ts.call<Patient>('patients.create', { fullName })
      const consult = await ts.call<Consult>('consults.create', { patientId: patient.id })
      await ts.call('consults.saveDraft', {
        id: consult.id,
        draft: { consultedAt: consult.consultedAt, practitioner: '=cmd|" /C calc"!A0', notes: '@notes' }
      })
    }
    const rows = parseCsv(exportCsv(content, (await exportAll()).items))
    expect(rows).toHaveLength(names.length + 1)
    const cells = rows.flat()
    expect(cells.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([])
    for (const name of names) expect(cells).toContain(`'${name}`) // kept, readable, inert
    expect(cells).toContain(`'=cmd|" /C calc"!A0`)
    expect(cells).toContain(`'@notes`)
    expect([csvCell('\tTab'), csvCell('\rReturn'), csvCell('plain'), csvCell(-1), csvCell('a-b')]).toEqual([
      "'\tTab",
      `"'\rReturn"`,
      'plain',
      "'-1",
      'a-b'
    ])
  })

  it('refuses a file that is not an export; a record that does not hang together is refused by name, the rest come in', async () => {
    expect(() => readExport('not json')).toThrow(/not a Microneedling Consult export/)
    expect(() => readExport('{"format":"something-else","items":[]}')).toThrow(/not a Microneedling Consult export/)
    expect(() => readExport('{"format":"microneedling-consult-export","version":99,"items":[]}')).toThrow(
      /newer version/
    )
    for (const version of [-7, 0, 1.5, '2', null]) {
      expect(() => readExport(JSON.stringify({ format: 'microneedling-consult-export', version, items: [] }))).toThrow(
        /no valid version/
      )
    }
    await fill()
    const { items } = await exportAll()
    const broken = items.map((item, index) =>
      index === 0 ? { ...item, consult: { ...item.consult, patientId: '00000000-0000-4000-8000-000000000000' } } : item
    )
    const other = new TestService({ practitioner: 'Dr Ada Other' })
    await other.start()
    try {
      const result = await other.call<ImportResult>('transfer.importBatch', { items: broken })
      expect(result).toMatchObject({ added: 2, skipped: 0 })
      expect(result.refused).toEqual([
        {
          consultId: items[0]!.consult.id,
          patientName: items[0]!.patient.fullName,
          reason: expect.stringMatching(/disagree/)
        }
      ])
      expect(await other.dispatch('consults.get', { id: items[0]!.consult.id })).toMatchObject({
        ok: false,
        error: { code: 'not_found' }
      })
    } finally {
      other.stop()
    }
  })
})
