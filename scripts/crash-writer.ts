// Saves consults in a loop and prints "ack <n> <consultId>" after each save is acknowledged,
// for tests/unit/crash-safety.test.ts to kill with SIGKILL at random moments.
// Usage: node out/main/crash-writer.js DATA_DIR
import { writeSync } from 'node:fs'
import type { Consult, Patient } from '../electron/contract'
import { startService } from '../electron/service'
import { unlockedCalls } from './tool-session'

async function main(): Promise<void> {
  const dataDir = process.argv[2]
  if (!dataDir) throw new Error('usage: crash-writer DATA_DIR')
  const service = startService({ dataDir, info: { name: 'crash-writer', version: '0', mode: 'browser' } })
  const send = await unlockedCalls(service, 'Crash Writer')
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await send(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as T
  }
  const patient = await call<Patient>('patients.create', { fullName: `Crash Test ${process.pid}` })
  for (let n = 0; ; n++) {
    const consult = await call<Consult>('consults.create', { patientId: patient.id })
    await call('consults.saveDraft', {
      id: consult.id,
      draft: { consultedAt: consult.consultedAt, notes: `save ${n}`, areas: [{ areaId: 'face', concerns: ['texture'] }] }
    })
    writeSync(1, `ack ${n} ${consult.id}\n`)
  }
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`)
  process.exit(1)
})
