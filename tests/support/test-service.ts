import { afterEach, beforeEach } from 'vitest'
import type { Amendment, ConsultRecord, Practitioner, RestoreResult, Result } from '../../electron/contract'
import { startService, type Service } from '../../electron/service'
import { makeTempDir } from './temp-dir'

/** The service layer on its own temporary database, fresh for every test of the file. */
export class TestService {
  #dir: ReturnType<typeof makeTempDir> | undefined
  #service: Service | undefined
  #signers = new Map<string, string>()

  static readonly PIN = '2468'

  get service(): Service {
    return this.#service!
  }
  get dataDir(): string {
    return this.#dir!.path
  }

  start(): void {
    this.#dir ??= makeTempDir()
    this.#service = startService({ dataDir: this.#dir.path, info: { name: 'test', version: '0', mode: 'browser' } })
  }

  /** Closes the database, runs `between` (say, tampering with the file), and opens it again. */
  async restart(between: () => void | Promise<void> = () => {}): Promise<void> {
    this.#service?.close()
    await between()
    this.start()
  }

  /**
   * Dispatches as the renderer would. A draft save without a version is given the consult's
   * current one, as the consult screen does; tests of versions pass their own.
   */
  async dispatch(channel: string, input: unknown): Promise<Result<unknown>> {
    const save = input as { id?: unknown; draft?: unknown; baseUpdatedAt?: unknown } | null
    if (channel === 'consults.saveDraft' && typeof save === 'object' && save !== null && save.draft !== undefined && save.baseUpdatedAt === undefined) {
      const current = await this.service.dispatch('consults.get', { id: save.id })
      if (current.ok) input = { ...save, baseUpdatedAt: (current.value as ConsultRecord).consult.updatedAt }
    }
    return this.service.dispatch(channel, input)
  }

  /** Dispatches and returns the value, failing the test on an error result. */
  async call<T>(channel: string, input: unknown): Promise<T> {
    const result = await this.dispatch(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
    return result.value as T
  }

  /** A practitioner called `name` (made on first use, PIN 2468), for signing. */
  async practitioner(name: string): Promise<string> {
    let id = this.#signers.get(name)
    if (!id) {
      id = (await this.call<Practitioner>('practitioners.add', { name, pin: TestService.PIN })).id
      this.#signers.set(name, id)
    }
    return id
  }

  /** Signs a consult as `signer`, with the right PIN; the raw result. */
  async signResult(consultId: string, signer = 'Dr Grace Hopper', overrideReason?: string): Promise<Result<unknown>> {
    const practitionerId = await this.practitioner(signer)
    return this.dispatch('consults.sign', { id: consultId, practitionerId, pin: TestService.PIN, overrideReason })
  }

  async sign(consultId: string, signer?: string, overrideReason?: string): Promise<ConsultRecord> {
    const result = await this.signResult(consultId, signer, overrideReason)
    if (!result.ok) throw new Error(`consults.sign failed: ${JSON.stringify(result.error)}`)
    return result.value as ConsultRecord
  }

  /** Adds an amendment signed by `author` (PIN 2468). */
  async amend(consultId: string, text: string, author = 'Dr Grace Hopper'): Promise<Amendment> {
    return this.call<Amendment>('consults.amend', { id: consultId, text, practitionerId: await this.practitioner(author), pin: TestService.PIN })
  }

  /** Restores a backup as `who` (PIN 2468); the raw result. */
  async restoreResult(name: string, who = 'Dr Grace Hopper'): Promise<Result<unknown>> {
    return this.dispatch('backups.restore', { name, practitionerId: await this.practitioner(who), pin: TestService.PIN })
  }

  async restore(name: string, who?: string): Promise<RestoreResult> {
    const result = await this.restoreResult(name, who)
    if (!result.ok) throw new Error(`backups.restore failed: ${JSON.stringify(result.error)}`)
    return result.value as RestoreResult
  }

  stop(): void {
    this.#signers.clear()
    this.#service?.close()
    this.#dir?.remove()
    this.#dir = undefined
  }
}

export function useTestService(): TestService {
  const test = new TestService()
  beforeEach(() => test.start())
  afterEach(() => test.stop())
  return test
}
