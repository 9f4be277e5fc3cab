import { RESOLVED_ID as CONTENT_MODULE } from '../content/vite-plugin'
/** What the bundler tells a chunk-naming function about the module graph. */
interface ModuleGraph {
  getModuleInfo(id: string): { readonly importedIds: readonly string[] } | null
}

/** Every module `entry` imports, directly or through other modules, leaving out dynamic imports. */
function staticallyReachable(graph: ModuleGraph, entry: string): ReadonlySet<string> {
  const seen = new Set<string>()
  const stack = [entry]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []))
  }
  return seen
}

/**
 * The renderer's chunks: the modules the first screen loads stay with the entry (null
 * leaves them to the bundler), and every module that only a later screen loads goes into
 * one `later` chunk, fetched when the first lazy screen opens. One file compresses better
 * than a dozen small ones, and the first screen pays for none of it. The compiled content
 * is data, not code: it gets a chunk of its own, which tests import to check the build.
 */
export function firstScreenOrLater(entry: string): (id: string, graph: ModuleGraph) => string | null {
  // The graph object is the same within one chunking pass and new in the next (watch mode).
  const firstScreen = new WeakMap<ModuleGraph, ReadonlySet<string>>()
  return (id, graph) => {
    if (id === CONTENT_MODULE) return 'content'
    let reachable = firstScreen.get(graph)
    if (!reachable) firstScreen.set(graph, (reachable = staticallyReachable(graph, entry)))
    return reachable.has(id) ? 'first' : 'later'
  }
}
