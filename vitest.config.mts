import { svelte } from '@sveltejs/vite-plugin-svelte'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { contentPlugin } from './content/vite-plugin.ts'

export default defineConfig({
  plugins: [contentPlugin(resolve(import.meta.dirname, 'content'))],
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Some tests run the built app (out/): build it first when it is missing or older than the code.
          globalSetup: ['tests/unit/build-once.ts']
        }
      },
      {
        // The renderer's state classes and router, beside their code, with Svelte's runes
        // compiled for the browser (as the app runs them).
        extends: true,
        plugins: [svelte({ configFile: false })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.svelte.spec.ts'],
          environment: 'node'
        }
      }
    ]
  }
})
