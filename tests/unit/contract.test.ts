import { describe, expect, it, vi } from 'vitest'
import {
  buildApi,
  channels,
  contract,
  findCall,
  ServiceError,
  type Contract,
  type Handlers,
  type Patient
} from '../../electron/contract'
import { createDispatch } from '../../electron/service/dispatch'
import { Sessions } from '../../electron/service/sessions'
import { useTestService } from '../support/test-service'

const ts = useTestService()

const count = async () => {
  const result = await ts.dispatch('patients.search', { query: '' })
  return result.ok ? (result.value as Patient[]).length : -1
}

describe('the contract at the boundary', () => {
  it('lists every call of the contract once, as group.method, and finds each by its channel', () => {
    const calls = Object.entries(contract).flatMap(([group, methods]) =>
      Object.keys(methods).map((method) => `${group}.${method}`)
    )
    expect(channels).toEqual(calls)
    expect(new Set(channels).size).toBe(channels.length)
    for (const channel of channels) {
      expect(channel).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
      const [group, method] = channel.split('.') as [keyof Contract, string]
      expect(findCall(channel)).toBe((contract[group] as Record<string, unknown>)[method])
    }
  })

  it('builds an api with exactly the contract calls, each sending its own channel', async () => {
    const sent: [string, unknown][] = []
    const api = buildApi(async (channel, input) => {
      sent.push([channel, input])
      return { ok: true, value: null }
    })
    expect(Object.keys(api)).toEqual(Object.keys(contract))
    for (const group of Object.keys(contract) as (keyof Contract)[]) {
      expect(Object.keys(api[group])).toEqual(Object.keys(contract[group]))
    }
    await api.patients.search({ query: 'lo' })
    expect(sent).toEqual([['patients.search', { query: 'lo' }]])
  })

  it.each([
    ['an empty name', { fullName: '   ' }, 'fullName', "Enter the patient's full name."],
    ['a missing name', {}, 'fullName', "Enter the patient's full name."],
    [
      'a date of birth in the future',
      { fullName: 'Ada', dateOfBirth: '2999-01-01' },
      'dateOfBirth',
      'cannot be in the future'
    ],
    ['an impossible date', { fullName: 'Ada', dateOfBirth: '2001-02-30' }, 'dateOfBirth', 'real date'],
    ['a malformed e-mail', { fullName: 'Ada', email: 'ada@' }, 'email', 'name@example.com'],
    ['letters in a phone number', { fullName: 'Ada', phone: 'call me' }, 'phone', 'digits'],
    ['skin type 7', { fullName: 'Ada', fitzpatrick: 7 }, 'fitzpatrick', 'I to VI'],
    ['an unknown field', { fullName: 'Ada', isAdmin: true }, '(input)', 'isAdmin']
  ])('refuses %s with a message for that field and saves nothing', async (_, input, field, message) => {
    const result = await ts.dispatch('patients.create', input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.fields?.[field]).toContain(message)
    expect(await count()).toBe(0)
  })

  it.each([
    ['patients.create', null],
    ['patients.create', 'Ada'],
    ['patients.get', { id: 'not-a-uuid' }],
    ['patients.search', { query: 42 }],
    ['patients.search', { query: 'x'.repeat(201) }],
    ['app.info', { anything: true }]
  ])('refuses %s with %j', async (channel, input) => {
    const result = await ts.dispatch(channel, input)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('refuses a call that is not in the contract', async () => {
    for (const channel of ['patients.drop', 'patients', 'constructor.name', '__proto__.x', 'patients.create.extra']) {
      expect(await ts.dispatch(channel, {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } })
    }
  })

  it('stores valid input, trimmed, with empty optional fields as null', async () => {
    const result = await ts.dispatch('patients.create', {
      fullName: '  Ada Lovelace ',
      dateOfBirth: '',
      phone: '+44 20 7946 0000',
      email: '',
      fitzpatrick: 2
    })
    expect(result).toMatchObject({
      ok: true,
      value: { fullName: 'Ada Lovelace', dateOfBirth: null, phone: '+44 20 7946 0000', email: null, fitzpatrick: 2 }
    })
  })

  it('turns a ServiceError into its typed result and hides unexpected errors', async () => {
    const log = vi.fn()
    const handlers = {
      app: {
        info: () => {
          throw new Error('secret detail')
        }
      },
      patients: {
        create: () => {
          throw new ServiceError('conflict', 'Already there.')
        },
        get: () => {
          throw new ServiceError('not_found', 'Gone.')
        },
        search: () => []
      }
    } as unknown as Handlers
    const sessions = new Sessions(() => 60_000)
    const session = sessions.open({ id: 'a', name: 'Dr A' })
    const dispatch = createDispatch(handlers, sessions, log)
    expect(await dispatch('patients.create', { fullName: 'Ada' }, { session })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Already there.' }
    })
    const hidden = await dispatch('app.info', undefined)
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(hidden)).not.toContain('secret detail')
    expect(log).toHaveBeenCalledOnce()
  })

  it('reports a patient that does not exist as not_found', async () => {
    const result = await ts.dispatch('patients.get', { id: '00000000-0000-4000-8000-000000000000' })
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
