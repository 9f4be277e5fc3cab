import { svelte } from '@sveltejs/vite-plugin-svelte'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { contentPlugin } from './content/vite-plugin.ts'

export default defineConfig({
  plugins: [contentPlugin(resolve(import.meta.dirname, 'content'))],
  test: {
    pool: 'forks',
    // Every test service is set up and unlocked with a real PIN, and signing opens a signing key
    // with scrypt again: deliberately slow work that a busy machine slows further, so a test
    // gets more than vitest's default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
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
        // The renderer's state classes, router and helpers, beside their code, with Svelte's runes
        // compiled and run for the browser, as the app runs them (see the environment's file).
        extends: true,
        plugins: [svelte({ configFile: false })],
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.spec.ts'],
          environment: './tests/support/browser-runes-environment.ts'
        }
      }
    ]
  }
})
