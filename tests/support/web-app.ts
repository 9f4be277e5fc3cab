import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const root = resolve(__dirname, '../..')

/** Browser mode (as built by `npm test`) against one data folder, started and stopped by a test. */
export class WebApp {
  #process: ChildProcess | undefined
  #url = ''
  #session: string | undefined

  constructor(readonly dataDir: string) {}

  get url(): string {
    return this.#url
  }

  async start(): Promise<string> {
    const child = spawn(process.execPath, ['out/main/web.js', '--port', '0', '--data', this.dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    this.#process = child
    let output = ''
    this.#url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 20_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)
        if (match) {
          clearTimeout(timer)
          resolveUrl(match[1]!)
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`browser mode exited with ${code}:\n${output}`))
      })
    })
    return this.#url
  }

  /**
   * Calls the bridge as the app's page would: POST, JSON, its own Origin, the token in a
   * header, and the session secret that setup or unlocking gave (its own, apart from any page's).
   * A draft save without a version is given the consult's current one, as the consult screen does.
   */
  async call<T>(channel: string, input?: unknown): Promise<T> {
    const save = input as { id?: string; draft?: unknown; baseUpdatedAt?: string } | undefined
    if (channel === 'consults.saveDraft' && save?.draft !== undefined && save.baseUpdatedAt === undefined) {
      const current = await this.call<{ consult: { updatedAt: string } }>('consults.get', { id: save.id })
      input = { ...save, baseUpdatedAt: current.consult.updatedAt }
    }
    const url = new URL(this.#url)
    const response = await fetch(new URL(`/api/${channel}`, url.origin), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: url.origin,
        'x-bridge-token': url.searchParams.get('token')!
      },
      body: JSON.stringify({ input, session: this.#session })
    })
    const result = (await response.json()) as { ok: boolean; value: T; session?: string; error?: { message: string } }
    if (result.session) this.#session = result.session
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`)
    return result.value
  }

  async stop(): Promise<void> {
    const child = this.#process
    if (!child || child.exitCode !== null) return
    await new Promise<void>((done) => {
      child.once('exit', () => done())
      child.kill('SIGTERM')
    })
    this.#process = undefined
  }
}
