// Writes through the service and prints "ack <n> <id>" after each acknowledged write, for
// tests/unit/crash-safety.test.ts to kill with SIGKILL at random moments.
// Usage: node out/main/crash-writer.js DATA_DIR [MODE]
//   saves           (default) consults saved in a loop
//   maintenance     the same, with a backup and a restore of it after every few saves
//   backups         the same, with a (chunked) backup after every save
//   failed-restore  a restore of a backup that only looks right, a good restore, a backup,
//                   then five patients, then waits to be killed
import Database from 'better-sqlite3'
import { writeSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupInfo, Consult, Patient, Unlocked } from '../electron/contract'
import { startService } from '../electron/service'
import { backupsDir } from '../electron/service/backups'
import { TOOL_PIN, unlockedCalls } from './tool-session'

async function main(): Promise<void> {
  const [dataDir, mode = 'saves'] = process.argv.slice(2)
  if (!dataDir) throw new Error('usage: crash-writer DATA_DIR [saves|maintenance|backups|failed-restore]')
  const service = startService({ dataDir, info: { name: 'crash-writer', version: '0', mode: 'browser' } })
  const send = await unlockedCalls(service, 'Crash Writer')
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await send(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as T
  }
  const say = (line: string) => writeSync(1, `${line}\n`)
  // Restores are signed off with the PIN of the practitioner the tool unlocked as.
  const { practitioner } = await call<Unlocked>('session.current', undefined)
  const restore = (name: string) => call('backups.restore', { name, practitionerId: practitioner.id, pin: TOOL_PIN })

  if (mode === 'failed-restore') {
    const good = await call<BackupInfo>('backups.create', undefined)
    // Table names and version as this app makes them, but a column short.
    const lookalike = join(backupsDir(service.databasePath), 'consults-20260101-120000-000-manual.sqlite')
    const fake = new Database(lookalike)
    fake.exec(
      'CREATE TABLE patients (id TEXT PRIMARY KEY); CREATE TABLE consults (id TEXT PRIMARY KEY); PRAGMA user_version = 70'
    )
    fake.close()
    const refused = await send('backups.restore', {
      name: 'consults-20260101-120000-000-manual.sqlite',
      practitionerId: practitioner.id,
      pin: TOOL_PIN
    })
    if (refused.ok) throw new Error('the look-alike backup was restored')
    say(`refused ${refused.error.message}`)
    await restore(good.name)
    await call('backups.create', undefined)
    for (let n = 0; n < 5; n++)
      say(`ack ${n} ${(await call<Patient>('patients.create', { fullName: `Patient ${n}` })).id}`)
    say('idle')
    setInterval(() => {}, 60_000)
    return
  }

  const patient = await call<Patient>('patients.create', { fullName: `Crash Test ${process.pid}` })
  for (let n = 0; ; n++) {
    const consult = await call<Consult>('consults.create', { patientId: patient.id })
    await call('consults.saveDraft', {
      id: consult.id,
      baseUpdatedAt: consult.updatedAt,
      draft: {
        consultedAt: consult.consultedAt,
        notes: `save ${n}`,
        areas: [{ areaId: 'face', concerns: ['texture'] }]
      }
    })
    say(`ack ${n} ${consult.id}`)
    if (mode === 'backups') await call<BackupInfo>('backups.create', undefined)
    if (mode === 'maintenance' && n % 4 === 3) {
      // Nothing is written between the backup and its restore, so the restore takes no acknowledged save away.
      const backup = await call<BackupInfo>('backups.create', undefined)
      await restore(backup.name)
    }
  }
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`)
  process.exit(1)
})
