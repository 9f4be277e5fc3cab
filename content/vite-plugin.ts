import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { loadContent } from './load.ts'

const MODULE_ID = 'virtual:content'
/** The content module's id in the bundle. */
export const RESOLVED_ID = `\0${MODULE_ID}`

/**
 * Compiles `content/` into the bundle as `virtual:content`: parsed and checked once at
 * build time, so a bad file stops the build with its name, and screens are never
 * re-parsed at run time.
 */
export function contentPlugin(dir: string): Plugin {
  return {
    name: 'microneedling-content',
    resolveId: (source) => (source === MODULE_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined
      for (const file of [
        'areas.yaml',
        'concerns.yaml',
        'screening.yaml',
        'add-ons.yaml',
        'handout.yaml',
        'precautions.yaml',
        'locale.yaml'
      ])
        this.addWatchFile(join(dir, file))
      for (const folder of ['guide', 'consent']) {
        for (const file of readdirSync(join(dir, folder))) this.addWatchFile(join(dir, folder, file))
      }
      return `export default ${JSON.stringify(loadContent(dir))}`
    }
  }
}
