import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { contentPlugin } from './content/vite-plugin'
import { firstScreenOrLater } from './renderer/chunks'

const content = contentPlugin(resolve(__dirname, 'content'))

export default defineConfig({
  main: {
    plugins: [content],
    build: {
      // Beside the main process, plain Node entry points that share its service layer:
      // browser mode's server, the seed and benchmark tools, and the crash test's writer.
      rollupOptions: {
        // The benchmark drives Chromium through Playwright, a development tool: loaded, not bundled.
        external: ['@playwright/test'],
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          web: resolve(__dirname, 'electron/web/cli.ts'),
          seed: resolve(__dirname, 'scripts/seed.ts'),
          bench: resolve(__dirname, 'scripts/bench.ts'),
          'bench-backups': resolve(__dirname, 'scripts/bench-backups.ts'),
          'bench-start': resolve(__dirname, 'scripts/bench/start-once.ts'),
          'crash-writer': resolve(__dirname, 'scripts/crash-writer.ts')
        }
      }
    }
  },
  preload: {
    plugins: [content],
    build: {
      // A sandboxed preload can only require('electron'): bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [svelte({ configFile: false }), content],
    build: {
      // Shipped minified: the first screen's script is what the window waits for.
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: {
          codeSplitting: {
            // Modules go where the groups put them, without pulling their imports along.
            includeDependenciesRecursively: false,
            groups: [
              {
                name: firstScreenOrLater(resolve(__dirname, 'renderer/index.html')),
                debugName: 'first screen or later'
              }
            ]
          }
        }
      }
    }
  }
})
