import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import { contentPlugin } from './content/vite-plugin.ts'

export default defineConfig({
  plugins: [contentPlugin(resolve(import.meta.dirname, 'content'))],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks'
  }
})
