import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { contentPlugin } from './content/vite-plugin'

const content = contentPlugin(resolve(__dirname, 'content'))

export default defineConfig({
  main: {
    plugins: [content],
    build: {
      // `web` is browser mode's server: plain Node, built beside the main process.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/main/index.ts'), web: resolve(__dirname, 'electron/web/cli.ts') }
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
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } }
    }
  }
})
