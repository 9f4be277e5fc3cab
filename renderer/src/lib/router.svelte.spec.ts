import { describe, expect, it, vi } from 'vitest'
import { consultSteps, hrefFor, parseRoute, router, type Route } from './router.svelte'

// The router reads the address when its module loads: give it a page before the import runs.
const page = vi.hoisted(() => {
  const page = { window: new EventTarget(), location: { hash: '#/settings' } }
  Object.assign(globalThis, page)
  return page
})

const id = '5f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6'
const routes: Route[] = [
  { name: 'patients' },
  { name: 'new-patient', fullName: '' },
  { name: 'new-patient', fullName: 'Ada Lovelace & Co?' },
  { name: 'patient', id },
  { name: 'guide' },
  { name: 'past-consults' },
  { name: 'handout', consultId: null },
  { name: 'handout', consultId: id },
  { name: 'settings' },
  ...consultSteps.map((step): Route => ({ name: 'consult', id, step }))
]

describe('routes and their addresses', () => {
  it.each(routes.map((route) => [hrefFor(route), route] as const))(
    '%s reads back as the route it came from',
    (href, route) => {
      expect(parseRoute(href)).toEqual(route)
    }
  )

  it.each([
    ['', { name: 'patients' }],
    ['#/', { name: 'patients' }],
    ['#/nowhere/at/all', { name: 'patients' }],
    [`#/consults/${id}`, { name: 'consult', id, step: 'guide' }],
    [`#/consults/${id}/not-a-step`, { name: 'consult', id, step: 'guide' }],
    ['#/handout/general', { name: 'handout', consultId: null }]
  ])('reads %j as %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route)
  })
})

describe('the router', () => {
  it('starts at the page in the address, goes where it is told, and follows Back and Forward', () => {
    expect(router.route).toEqual({ name: 'settings' })

    router.go({ name: 'patient', id })
    expect(page.location.hash).toBe(`#/patients/${id}`)
    page.window.dispatchEvent(new Event('hashchange'))
    expect(router.route).toEqual({ name: 'patient', id })

    page.location.hash = '#/guide' // as Back would
    page.window.dispatchEvent(new Event('hashchange'))
    expect(router.route).toEqual({ name: 'guide' })
  })
})
