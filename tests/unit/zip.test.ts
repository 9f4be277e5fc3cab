import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { crc32, readZip, writeZip } from '../../renderer/src/transfer/zip'
import { makeTempDir } from '../support/temp-dir'

describe('the export zip', () => {
  const entries = [
    { name: 'export.json', data: new TextEncoder().encode('{"format":"x"}') },
    { name: 'photos/ab.jpg', data: Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256) },
    { name: 'empty', data: new Uint8Array() }
  ]

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it('reads back exactly what it wrote', () => {
    const read = readZip(writeZip(entries))
    expect([...read.keys()]).toEqual(entries.map((e) => e.name))
    for (const entry of entries) expect(read.get(entry.name)).toEqual(entry.data)
  })

  it('writes a zip other tools open', () => {
    const dir = makeTempDir()
    try {
      const file = join(dir.path, 'export.zip')
      writeFileSync(file, writeZip(entries))
      const listed = execFileSync(
        'python3',
        ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(*z.namelist())', file],
        { encoding: 'utf8' }
      )
      expect(listed.trim().split('\n')).toEqual(['None', 'export.json photos/ab.jpg empty'])
    } finally {
      dir.remove()
    }
  })

  it('refuses a damaged entry and a file that is not a zip', () => {
    const zip = writeZip(entries)
    zip[100] = zip[100]! ^ 0xff
    expect(() => readZip(zip)).toThrow(/damaged/)
    expect(() => readZip(new TextEncoder().encode('not a zip at all, just some text here'))).toThrow(
      /not a Microneedling Consult export/
    )
  })
})
