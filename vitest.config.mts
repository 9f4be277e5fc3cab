import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { contentPlugin } from './content/vite-plugin'

export default defineConfig({
  plugins: [contentPlugin(resolve(import.meta.dirname, 'content'))],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Signing and restoring check a PIN with scrypt and open a signing key with scrypt again:
    // deliberately slow work that a busy machine slows further.
    testTimeout: 30_000
  }
})
