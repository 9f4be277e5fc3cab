import type { Environment } from 'vitest/environments'

/**
 * Node's globals with modules transformed as for the browser, so the renderer's specs run
 * Svelte's runes as the app does: `$effect` runs, `$derived` follows its state. (Vitest's
 * `node` environment has them compiled for the server, where neither happens.)
 */
export default {
  name: 'browser-runes',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => {} })
} satisfies Environment
