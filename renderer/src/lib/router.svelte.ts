export const consultSteps = ['guide', 'areas', 'screening', 'plan', 'photos', 'review'] as const
export type ConsultStep = (typeof consultSteps)[number]

export type Route =
  | { readonly name: 'patients' }
  | { readonly name: 'new-patient'; readonly fullName: string }
  | { readonly name: 'patient'; readonly id: string }
  | { readonly name: 'guide' }
  | { readonly name: 'past-consults' }
  | { readonly name: 'handout'; readonly consultId: string | null }
  | { readonly name: 'settings' }
  | { readonly name: 'consult'; readonly id: string; readonly step: ConsultStep }
  | { readonly name: 'consent'; readonly id: string }

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'patients' && parts[1] === 'new') {
    return { name: 'new-patient', fullName: new URLSearchParams(query).get('name') ?? '' }
  }
  if (parts[0] === 'patients' && parts[1]) return { name: 'patient', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'guide') return { name: 'guide' }
  if (parts[0] === 'consults' && !parts[1]) return { name: 'past-consults' }
  if (parts[0] === 'handout') return { name: 'handout', consultId: parts[1] && parts[1] !== 'general' ? decodeURIComponent(parts[1]) : null }
  if (parts[0] === 'settings') return { name: 'settings' }
  if (parts[0] === 'consent' && parts[1]) return { name: 'consent', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'consults' && parts[1]) {
    const step = consultSteps.find((s) => s === parts[2]) ?? 'guide'
    return { name: 'consult', id: decodeURIComponent(parts[1]), step }
  }
  return { name: 'patients' }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'patients':
      return '#/patients'
    case 'new-patient':
      return route.fullName ? `#/patients/new?${new URLSearchParams({ name: route.fullName })}` : '#/patients/new'
    case 'patient':
      return `#/patients/${encodeURIComponent(route.id)}`
    case 'guide':
      return '#/guide'
    case 'past-consults':
      return '#/consults'
    case 'handout':
      return `#/handout/${route.consultId ? encodeURIComponent(route.consultId) : 'general'}`
    case 'settings':
      return '#/settings'
    case 'consult':
      return `#/consults/${encodeURIComponent(route.id)}/${route.step}`
    case 'consent':
      return `#/consent/${encodeURIComponent(route.id)}`
  }
}

/** Hash routing, because a packaged app loads its page from file://. */
class Router {
  #route = $state<Route>(parseRoute(location.hash))

  constructor() {
    window.addEventListener('hashchange', () => {
      this.#route = parseRoute(location.hash)
    })
  }

  get route(): Route {
    return this.#route
  }

  go(route: Route): void {
    location.hash = hrefFor(route)
  }
}

export const router = new Router()
