import type { Api, Group, Method } from './index'
import type { Result } from './result'

/**
 * Every call's name, by group, in the contract's order: all the preload needs to build
 * `window.api`, without the schemas. The contract (index.ts) fails to compile when a call
 * is missing here, and `satisfies` refuses a name that is not a call.
 */
export const callNames = {
  app: ['info', 'health'],
  setup: ['state', 'complete'],
  session: ['unlock', 'current', 'lock'],
  practitioners: ['list', 'add', 'rename', 'setActive', 'changePin', 'verify'],
  patients: ['create', 'get', 'update', 'search', 'count'],
  consults: ['create', 'get', 'saveDraft', 'sign', 'amend', 'forPatient', 'search'],
  consents: [
    'forConsult',
    'forPatient',
    'get',
    'sign',
    'withdraw',
    'leave',
    'photography',
    'print',
    'savePdf',
    'record'
  ],
  photos: [
    'upload',
    'import',
    'forConsult',
    'forPatient',
    'get',
    'restore',
    'remove',
    'pickForHandout',
    'handoutPicks'
  ],
  settings: ['get', 'save'],
  handouts: ['print', 'savePdf', 'record'],
  backups: ['list', 'create', 'preview', 'restore', 'removed'],
  audit: ['list'],
  transfer: ['exportPage', 'importBatch']
} as const satisfies { readonly [G in Group]: readonly Method<G>[] }

/** Channel names, as `group.method`, in contract order. */
export const channels: readonly string[] = Object.entries(callNames).flatMap(([group, methods]) =>
  methods.map((method) => `${group}.${method}`)
)

/** Builds an object shaped like `Api` whose every function sends `(channel, input)` through `send`. */
export function buildApi(send: (channel: string, input: unknown) => Promise<Result<unknown>>): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {}
  for (const channel of channels) {
    const [group, method] = channel.split('.') as [string, string]
    api[group] ??= {}
    api[group][method] = (input?: unknown) => send(channel, input)
  }
  return api as unknown as Api
}
