import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import type { WebPreferences } from 'electron'

/** The renderer's security settings, and the value each must have. */
// Written out here on purpose, not read from electron/main/web-preferences.ts: the test's own oracle, so a change there fails.
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false
} as const

/** What is wrong with a window's web preferences (nothing, if the list is empty). */
export function preferenceFindings(preferences: WebPreferences | undefined, development: boolean): string[] {
  if (!preferences) return ['the window has no webPreferences']
  const findings = Object.entries(REQUIRED_WEB_PREFERENCES)
    .filter(([key, value]) => preferences[key as keyof WebPreferences] !== value)
    .map(([key, value]) => `${key} must be ${value}, is ${String(preferences[key as keyof WebPreferences])}`)
  if (!development && preferences.devTools !== false) findings.push('devTools must be false in a packaged app')
  if (!/[\\/]preload[\\/]index\.js$/.test(preferences.preload ?? ''))
    findings.push('the preload must be the bundled preload/index.js')
  return findings
}

/** Constructors that open a page with its own web preferences. */
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView'])
const OPTIONS_FUNCTION = 'mainWindowOptions'
const PREFERENCES_FUNCTION = 'secureWebPreferences'

function nameOf(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text
  return undefined
}

const isCallTo = (node: ts.Node | undefined, name: string): boolean =>
  node !== undefined && ts.isCallExpression(node) && nameOf(node.expression) === name

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at)) return at.name?.text
  }
  return undefined
}

/**
 * Reads TypeScript source as a syntax tree and reports every way a window could get other
 * options than `mainWindowOptions()`: a window class constructed with anything else
 * (bare `BrowserWindow` or `electron.BrowserWindow` alike), a window class kept under
 * another name, `webPreferences` written anywhere but in `mainWindowOptions` (and there
 * only as `secureWebPreferences(...)`), or an object spread that could override them.
 */
export function windowFindings(files: readonly { path: string; text: string }[]): string[] {
  const findings: string[] = []
  for (const { path, text } of files) {
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
    const at = (node: ts.Node) => `${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && WINDOW_CLASSES.has(nameOf(node.expression) ?? '')) {
        const [options, ...rest] = node.arguments ?? []
        if (!isCallTo(options, OPTIONS_FUNCTION) || rest.length > 0) {
          findings.push(`${at(node)}: new ${nameOf(node.expression)} is not built from ${OPTIONS_FUNCTION}()`)
        }
      }
      if (
        ts.isNewExpression(node) &&
        !ts.isIdentifier(node.expression) &&
        !ts.isPropertyAccessExpression(node.expression)
      ) {
        findings.push(`${at(node)}: a window class reached indirectly`)
      }
      if (ts.isIdentifier(node) && WINDOW_CLASSES.has(node.text)) {
        const parent = node.parent
        const kept =
          (ts.isVariableDeclaration(parent) && parent.initializer === node) ||
          (ts.isBinaryExpression(parent) && parent.right === node) ||
          (ts.isPropertyAssignment(parent) && parent.initializer === node) ||
          ts.isShorthandPropertyAssignment(parent) ||
          (ts.isCallExpression(parent) && parent.arguments.includes(node)) ||
          (ts.isImportSpecifier(parent) && parent.propertyName?.text === node.text && parent.name.text !== node.text)
        if (kept) findings.push(`${at(node)}: ${node.text} is kept under another name or passed on`)
      }
      if (
        (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
        node.name.getText(source) === 'webPreferences'
      ) {
        const inOptions = enclosingFunctionName(node) === OPTIONS_FUNCTION
        const value = ts.isPropertyAssignment(node) ? node.initializer : undefined
        if (!inOptions || !isCallTo(value, PREFERENCES_FUNCTION)) {
          findings.push(
            `${at(node)}: webPreferences set other than as ${PREFERENCES_FUNCTION}() in ${OPTIONS_FUNCTION}()`
          )
        }
      }
      if (
        ts.isSpreadAssignment(node) &&
        [OPTIONS_FUNCTION, PREFERENCES_FUNCTION].includes(enclosingFunctionName(node) ?? '')
      ) {
        findings.push(`${at(node)}: a spread in ${enclosingFunctionName(node)}() could override its options`)
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return findings
}

/** Every TypeScript file under `dir`, for `windowFindings`. */
export function sourcesUnder(dir: string, root = dir): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourcesUnder(path, root)
    return entry.name.endsWith('.ts') ? [{ path: relative(root, path), text: readFileSync(path, 'utf8') }] : []
  })
}
