#!/usr/bin/env node
// Makes sure better-sqlite3's native module is built for the runtime about to use it.
//
//   node scripts/native-runtime.mjs node      before tests and browser mode
//   node scripts/native-runtime.mjs electron  before `npm start` and packaging
//
// Node uses node_modules/better-sqlite3 as npm installed it. Electron has a different ABI
// (NODE_MODULE_VERSION), so its build lives apart, in .native/electron-<version>/, and the
// main process passes it to better-sqlite3 as `nativeBinding`. Both builds coexist, so
// running the tests never breaks `npm start` and the other way round. Each step checks by
// loading the module in the target runtime, not by trusting a marker file.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const moduleDir = dirname(require.resolve('better-sqlite3/package.json'))
const probe = (binding) =>
  `const D = require(${JSON.stringify(join(moduleDir, 'lib/index.js'))});` +
  `new D(':memory:'${binding ? `, { nativeBinding: ${JSON.stringify(binding)} }` : ''}).prepare('select 1').get()`

function loads(command, args, env = {}) {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8' })
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() }
}

function forNode() {
  if (loads(process.execPath, ['-e', probe()]).ok) return
  console.log('better-sqlite3 is not built for this Node.js; rebuilding it (a minute or two)…')
  execFileSync('npm', ['rebuild', 'better-sqlite3'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32'
  })
  const check = loads(process.execPath, ['-e', probe()])
  if (!check.ok) throw new Error(`better-sqlite3 still does not load in Node.js:\n${check.output}`)
}

function forElectron() {
  let electronPath
  try {
    electronPath = require('electron')
  } catch {
    electronPath = undefined
  }
  if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
    console.error(
      'The Electron binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set?).\n' +
        'Run `npm install` on a machine with internet to get it, or use browser mode: `npm run web`.'
    )
    process.exit(1)
  }
  const version = require('electron/package.json').version
  const stage = join(root, '.native', `electron-${version}`)
  const binding = join(stage, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  const inElectron = () => loads(electronPath, ['-e', probe(binding)], { ELECTRON_RUN_AS_NODE: '1' })
  if (existsSync(binding) && inElectron().ok) return

  console.log(`Building better-sqlite3 for Electron ${version} into ${stage} (once per Electron version)…`)
  rmSync(stage, { recursive: true, force: true })
  mkdirSync(join(stage, 'node_modules'), { recursive: true })
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify({ name: 'native-electron', private: true, dependencies: { 'better-sqlite3': '*' } })
  )
  cpSync(moduleDir, join(stage, 'node_modules/better-sqlite3'), {
    recursive: true,
    filter: (source) => !source.startsWith(join(moduleDir, 'build'))
  })
  // Electron's documented way to build a native module with npm: point it at Electron's
  // headers (prebuild-install fetches a prebuilt binary for Electron when one exists).
  execFileSync('npm', ['rebuild', 'better-sqlite3'], {
    cwd: stage,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: {
      ...process.env,
      npm_config_runtime: 'electron',
      npm_config_target: version,
      npm_config_disturl: 'https://electronjs.org/headers',
      npm_config_arch: process.arch,
      npm_config_target_arch: process.arch
    }
  })
  const check = inElectron()
  if (!check.ok) throw new Error(`better-sqlite3 built for Electron ${version} does not load:\n${check.output}`)
}

const target = process.argv[2]
if (target === 'node') forNode()
else if (target === 'electron') forElectron()
else {
  console.error('usage: node scripts/native-runtime.mjs node|electron')
  process.exit(2)
}
