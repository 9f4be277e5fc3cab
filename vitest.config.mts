import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { contentPlugin } from './content/vite-plugin'

export default defineConfig({
  plugins: [contentPlugin(resolve(import.meta.dirname, 'content'))],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Every test service is set up and unlocked with a real PIN, and signing opens a signing key
    // with scrypt again: deliberately slow work that a busy machine slows further, so a test
    // gets more than vitest's default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
