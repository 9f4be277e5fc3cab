import content from 'virtual:content'
import { afterEach, beforeEach } from 'vitest'
import type {
  Amendment,
  Answer,
  ConsultRecord,
  Practitioner,
  RestoreResult,
  Result,
  Unlocked
} from '../../electron/contract'
import { startService, type Service } from '../../electron/service'
import { photoConsentInput } from './photo-consent'
import { makeTempDir } from './temp-dir'

export interface TestServiceOptions {
  /** Leave the app unset (no clinic, no practitioner, locked), to test the first run. */
  readonly firstRun?: boolean
  /** The practitioner made at setup (another clinic's database has its own). */
  readonly practitioner?: string
}

/**
 * The service layer on its own temporary database, fresh for every test of the file. Set
 * up (clinic "Test Clinic", practitioner Dr Grace Hopper, PIN 2468) and unlocked as that
 * practitioner, unless `firstRun`; it sends its session secret with every call, as the page does.
 */
export class TestService {
  #dir: ReturnType<typeof makeTempDir> | undefined
  #service: Service | undefined
  #signers = new Map<string, string>()
  #session: string | undefined
  #offset = 0

  static readonly PIN = '2468'
  static readonly PRACTITIONER = 'Dr Grace Hopper'

  constructor(private readonly options: TestServiceOptions = {}) {}

  get service(): Service {
    return this.#service!
  }
  get dataDir(): string {
    return this.#dir!.path
  }
  /** The session secret this test holds (undefined while locked). */
  get session(): string | undefined {
    return this.#session
  }

  /** Moves the service's clock (idle sessions, PIN waits) forward. */
  advance(ms: number): void {
    this.#offset += ms
  }

  async start({ unlock = true } = {}): Promise<void> {
    const firstStart = !this.#dir
    this.#dir ??= makeTempDir()
    this.#service = startService({
      dataDir: this.#dir.path,
      info: { name: 'test', version: '0', mode: 'browser' },
      now: () => Date.now() + this.#offset
    })
    this.#session = undefined
    if (this.options.firstRun && firstStart) return
    if (firstStart) {
      const name = this.options.practitioner ?? TestService.PRACTITIONER
      const setUp = await this.call<Unlocked>('setup.complete', {
        clinicName: 'Test Clinic',
        practitionerName: name,
        pin: TestService.PIN
      })
      this.#signers.set(name, setUp.practitioner.id)
    } else if (unlock && this.#signers.size > 0) {
      await this.unlock(this.#signers.values().next().value!)
    }
  }

  /** Opens a session as `practitionerId` (PIN 2468 unless given). */
  unlock(practitionerId: string, pin = TestService.PIN): Promise<Unlocked> {
    return this.call<Unlocked>('session.unlock', { id: practitionerId, pin })
  }

  /** Forgets the session secret, as a reload of the page would. */
  forgetSession(): void {
    this.#session = undefined
  }

  /** Closes the database, runs `between` (say, tampering with the file), and opens it again (unlocked again, unless not). */
  async restart(between: () => void | Promise<void> = () => {}, { unlock = true } = {}): Promise<void> {
    this.#service?.close()
    await between()
    await this.start({ unlock })
  }

  /**
   * Dispatches with this test's session as the page does: keeps a secret the answer carries
   * and forgets one that ended. A draft save without a version is given the consult's
   * current one, as the consult screen does; tests of versions pass their own.
   */
  async dispatch(channel: string, input: unknown, session = this.#session): Promise<Answer<unknown>> {
    const save = input as { id?: unknown; draft?: unknown; baseUpdatedAt?: unknown } | null
    if (
      channel === 'consults.saveDraft' &&
      typeof save === 'object' &&
      save !== null &&
      save.draft !== undefined &&
      save.baseUpdatedAt === undefined
    ) {
      const current = await this.service.dispatch('consults.get', { id: save.id }, { session })
      if (current.ok) input = { ...save, baseUpdatedAt: (current.value as ConsultRecord).consult.updatedAt }
    }
    const answer = await this.service.dispatch(channel, input, { session })
    // What the service does once a call has answered (a saved draft's index entry) is done
    // before the test goes on, as it is before a person's next click.
    await new Promise((resolve) => setImmediate(resolve))
    if (answer.session) this.#session = answer.session
    else if (session === this.#session && (answer.ok ? channel === 'session.lock' : answer.error.code === 'locked')) {
      this.#session = undefined
    }
    return answer
  }

  /** Dispatches and returns the value, failing the test on an error result. */
  async call<T>(channel: string, input: unknown): Promise<T> {
    const result = await this.dispatch(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
    return result.value as T
  }

  /** A practitioner called `name` (made on first use, PIN 2468, approved by the one unlocked), for signing. */
  async practitioner(name: string): Promise<string> {
    let id = this.#signers.get(name)
    if (!id) {
      id = (
        await this.call<Practitioner>('practitioners.add', { name, pin: TestService.PIN, approverPin: TestService.PIN })
      ).id
      this.#signers.set(name, id)
    }
    return id
  }

  /** Signs a consult as `signer`, with the right PIN; the raw result. */
  async signResult(
    consultId: string,
    signer = TestService.PRACTITIONER,
    overrideReason?: string
  ): Promise<Result<unknown>> {
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
    return this.call<Amendment>('consults.amend', {
      id: consultId,
      text,
      practitionerId: await this.practitioner(author),
      pin: TestService.PIN
    })
  }

  /** Signs the patient's photography consent in `consultId`, with "yes" (unless told) to photos in the clinical record. */
  async consentToPhotos(consultId: string, clinicalRecord = true): Promise<void> {
    const form = content.consent.find((f) => f.id === 'photography')!
    const { patientName } = await this.call<ConsultRecord>('consults.get', { id: consultId })
    const practitionerId = await this.practitioner(TestService.PRACTITIONER)
    await this.call(
      'consents.sign',
      photoConsentInput(form, { consultId, patientName, practitionerId, pin: TestService.PIN }, clinicalRecord)
    )
  }

  /** Restores a backup as `who` (PIN 2468); the raw result. */
  async restoreResult(name: string, who = 'Dr Grace Hopper'): Promise<Result<unknown>> {
    return this.dispatch('backups.restore', {
      name,
      practitionerId: await this.practitioner(who),
      pin: TestService.PIN
    })
  }

  async restore(name: string, who?: string): Promise<RestoreResult> {
    const result = await this.restoreResult(name, who)
    if (!result.ok) throw new Error(`backups.restore failed: ${JSON.stringify(result.error)}`)
    return result.value as RestoreResult
  }

  stop(): void {
    this.#signers.clear()
    this.#session = undefined
    this.#offset = 0
    this.#service?.close()
    this.#dir?.remove()
    this.#dir = undefined
  }
}

export function useTestService(options?: TestServiceOptions): TestService {
  const test = new TestService(options)
  beforeEach(() => test.start())
  afterEach(() => test.stop())
  return test
}
