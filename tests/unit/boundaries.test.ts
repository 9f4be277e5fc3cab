import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')

// ESLint and the compiler load a lot; on a busy machine that takes a while.
describe('lint refuses imports that cross the architecture', { timeout: 60_000 }, () => {
  const eslint = new ESLint({ cwd: root })

  /** Lints `code` as if it were the file at `path`, and returns the import-rule messages. */
  async function refusals(path: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: resolve(root, path) })
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
  }

  it.each([
    ['renderer/src/lib/x.ts', "import { openDatabase } from '../../../db/open'"],
    ['renderer/src/lib/x.ts', "import { startService } from '../../../electron/service'"],
    ['renderer/src/lib/x.ts', "import { createMainWindow } from '../../../electron/main/window'"],
    ['renderer/src/lib/x.ts', "import { readFileSync } from 'node:fs'"],
    ['renderer/src/lib/x.ts', "import { ipcRenderer } from 'electron'"],
    [
      'renderer/src/patients/X.svelte',
      '<script lang="ts">\n  import { openDatabase } from \'../../../db/open\'\n</script>'
    ],
    ['electron/contract/x.ts', "import { readFileSync } from 'node:fs'"],
    ['db/queries/x.ts', "import { app } from 'electron'"],
    ['db/queries/x.ts', "import { startService } from '../../electron/service'"],
    ['electron/service/x.ts', "import { dialog } from 'electron'"],
    ['electron/service/x.ts', "import { createMainWindow } from '../main/window'"],
    ['electron/service/x.ts', "import { startBridge } from '../web/server'"],
    ['electron/web/x.ts', "import { app } from 'electron'"],
    ['electron/web/x.ts', "import { createMainWindow } from '../main/window'"],
    ['electron/web/x.ts', "import { exposeApi } from '../preload/expose'"]
  ])('refuses in %s: %s', async (path, code) => {
    expect(await refusals(path, code)).toHaveLength(1)
  })

  it.each([
    ['renderer/src/lib/x.ts', "import type { Api } from '../../../electron/contract'"],
    ['db/queries/x.ts', "import type { Patient } from '../../electron/contract'"],
    ['electron/service/x.ts', "import { openDatabase } from '../../db/open'"],
    ['electron/main/x.ts', "import { app } from 'electron'"],
    ['electron/web/x.ts', "import { startService } from '../service'"]
  ])('allows in %s: %s', async (path, code) => {
    expect(await refusals(path, code)).toEqual([])
  })
})

describe('the compiler holds each part to its runtime', { timeout: 60_000 }, () => {
  /** Library files parsed once for all the checks below. */
  const parsedFiles = new Map<string, ts.SourceFile | undefined>()

  /** Type-checks `code` alone under a project's options and returns the error messages. */
  function typeErrors(project: string, code: string): string[] {
    const config = ts.getParsedCommandLineOfConfigFile(
      resolve(root, project),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
        }
      }
    )!
    const file = resolve(root, 'probe.ts')
    const host = ts.createCompilerHost(config.options)
    const getSourceFile = host.getSourceFile.bind(host)
    host.getSourceFile = (name, language, ...rest) => {
      if (name === file) return ts.createSourceFile(name, code, language)
      let parsed = parsedFiles.get(name)
      if (!parsed) parsedFiles.set(name, (parsed = getSourceFile(name, language, ...rest)))
      return parsed
    }
    const program = ts.createProgram([file], config.options, host)
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  }

  const nodeModule = "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n"
  const usesWindow = 'export const where = window.location.href\n'

  it('refuses a Node module in the renderer (tsconfig.web.json)', () => {
    expect(typeErrors('tsconfig.web.json', nodeModule)).toEqual([expect.stringContaining("'node:fs'")])
  })

  it('refuses `window` in Node code such as db/ (tsconfig.node.json)', () => {
    expect(typeErrors('tsconfig.node.json', usesWindow)).toEqual([expect.stringContaining("'window'")])
  })

  it('accepts each where it belongs', () => {
    expect(typeErrors('tsconfig.node.json', nodeModule)).toEqual([])
    expect(typeErrors('tsconfig.web.json', usesWindow)).toEqual([])
  })
})
