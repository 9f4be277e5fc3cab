// Lint: the recommended rules of ESLint, typescript-eslint and eslint-plugin-svelte, and the
// architecture as import rules. Style is prettier's job (.prettierrc), not lint's.
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import ts from 'typescript-eslint'

/** An import rule: any specifier matching `regex` is refused with `message`. */
const forbid = (regex, message) => ({ regex, message })

const electronPackage = forbid('^electron$', 'Only electron/main and electron/preload talk to Electron.')
const nodeBuiltins = forbid(
  '^node:|^(fs|path|os|crypto|child_process|http|net|url|worker_threads)(/|$)',
  'This code runs in the page (and the contract is shared with it): no Node modules.'
)
const database = forbid('(^|/)db(/|$)|^better-sqlite3$', 'Only the service layer opens the database.')
const mainSide = forbid(
  '(^|/)electron/(main|preload|web|service)(/|$)',
  'The renderer reaches the main side only through the contract (window.api).'
)
const aboveService = forbid(
  '(^|/)electron/(main|preload|web)(/|$)|^(\\.\\./)+(main|preload|web)(/|$)|(^|/)renderer(/|$)',
  'The service layer is plain Node under main, preload and browser mode; it never imports them.'
)
const electronSide = forbid(
  '(^|/)electron/(main|preload)(/|$)|^(\\.\\./)+(main|preload)(/|$)',
  'Browser mode is plain Node beside the Electron app: it never imports electron/main or electron/preload.'
)
const aboveDatabase = forbid(
  '(^|/)electron/(main|preload|web|service)(/|$)|(^|/)renderer(/|$)',
  'db/ is the bottom layer: it imports only the contract types, never the layers above it.'
)

/** The layers and what each may not import. */
const layers = [
  { files: ['renderer/**'], patterns: [database, mainSide, electronPackage, nodeBuiltins] },
  { files: ['electron/contract/**'], patterns: [database, mainSide, electronPackage, nodeBuiltins] },
  { files: ['electron/service/**'], patterns: [electronPackage, aboveService] },
  { files: ['electron/web/**'], patterns: [electronPackage, electronSide] },
  { files: ['db/**'], patterns: [electronPackage, aboveDatabase] }
]

export default ts.config(
  {
    ignores: ['out/', 'dist/', '.native/', 'node_modules/', 'test-results/', 'playwright-report/', '.web-data/']
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused arguments and destructured names marked with a leading underscore are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }
      ],
      // State classes hold plain values replaced whole; a Date or URLSearchParams built and
      // read on the spot is not state, and the rule cannot tell the two apart.
      'svelte/prefer-svelte-reactivity': 'off'
    }
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] }
    }
  },
  ...layers.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] }
  }))
)
