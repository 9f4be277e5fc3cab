import type { ConsentForm } from '../../../content/schema'

export interface ConsentSessionStart {
  readonly consultId: string
  /** The forms to sign, in order. */
  readonly forms: readonly ConsentForm[]
  /** Called when the screen closes, signed or not, so the consult can show what is on file. */
  readonly onEnd: () => void
}

/**
 * The patient-facing consent screen: one form after another, full screen, with nothing
 * else of the app on screen. Leaving before the last form is countersigned needs a PIN.
 */
class ConsentSession {
  #run = $state.raw<ConsentSessionStart | null>(null)
  #index = $state(0)

  get active(): boolean {
    return this.#run !== null
  }
  get consultId(): string {
    return this.#run?.consultId ?? ''
  }
  get form(): ConsentForm | null {
    return this.#run?.forms[this.#index] ?? null
  }
  /** 1-based position and count, for "Form 1 of 3". */
  get position(): { readonly at: number; readonly of: number } {
    return { at: this.#index + 1, of: this.#run?.forms.length ?? 0 }
  }

  start(run: ConsentSessionStart): void {
    if (run.forms.length === 0) return
    this.#index = 0
    this.#run = run
    void document.documentElement.requestFullscreen?.().catch(() => {
      // Full screen can be refused; the screen still hides the app.
    })
  }

  /** After a countersignature: the next form, or the end. */
  signed(): void {
    if (this.#run && this.#index + 1 < this.#run.forms.length) this.#index++
    else this.end()
  }

  end(): void {
    const run = this.#run
    this.#run = null
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {})
    run?.onEnd()
  }
}

export const consentSession = new ConsentSession()

/** Hex SHA-256 of a text, as the service computes it, to prove which text was on screen. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
