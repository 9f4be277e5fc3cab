export type Route =
  | { readonly name: 'patients' }
  | { readonly name: 'new-patient'; readonly fullName: string }
  | { readonly name: 'patient'; readonly id: string }
  | { readonly name: 'guide' }

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'patients' && parts[1] === 'new') {
    return { name: 'new-patient', fullName: new URLSearchParams(query).get('name') ?? '' }
  }
  if (parts[0] === 'patients' && parts[1]) return { name: 'patient', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'guide') return { name: 'guide' }
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
