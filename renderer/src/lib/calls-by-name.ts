import type { Api, Result } from '../../../electron/contract'

/**
 * An `Api` whose `api.group.method(input)` calls `send('group.method', input)`, built from
 * the names alone so the renderer never loads the contract's schemas.
 */
export function callsByName(send: (channel: string, input: unknown) => Promise<Result<unknown>>): Api {
  const group = (name: string) =>
    new Proxy({}, { get: (_, method) => (input?: unknown) => send(`${name}.${String(method)}`, input) })
  return new Proxy({}, { get: (_, name) => group(String(name)) }) as Api
}
