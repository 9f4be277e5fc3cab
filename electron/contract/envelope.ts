/** What the page sends with each call, over IPC or the browser bridge: the input and its session secret. */
export interface Envelope {
  readonly input: unknown
  readonly session: string | undefined
}

/** Reads an envelope from untrusted data; anything malformed has no input and no session. */
export function openEnvelope(message: unknown): Envelope {
  if (message === null || typeof message !== 'object') return { input: undefined, session: undefined }
  const { input, session } = message as Record<string, unknown>
  return { input, session: typeof session === 'string' ? session : undefined }
}
