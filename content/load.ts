import { Lexer, type Token, type Tokens } from 'marked'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { blocksToText, textToBlocks } from './consent-text.ts'
import {
  addOnSchema,
  consentFrontMatterSchema,
  areaSchema,
  concernSchema,
  guideFrontMatterSchema,
  handoutSchema,
  localeSchema,
  precautionsSchema,
  screeningQuestionSchema,
  type Block,
  type ConsentForm,
  type Content,
  type GuideScreen,
  type Inline
} from './schema.ts'

/** A content file that is not right, with its name and every problem found in it. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[]
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ContentError'
  }
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
}

function parseYamlIn(file: string, text: string): unknown {
  try {
    return parseYaml(text)
  } catch (error) {
    throw new ContentError(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`])
  }
}

function inlines(file: string, tokens: readonly Token[] | undefined, strong = false): Inline[] {
  const runs: Inline[] = []
  for (const token of tokens ?? []) {
    if (token.type === 'strong') runs.push(...inlines(file, (token as Tokens.Strong).tokens, true))
    else if (token.type === 'text' || token.type === 'escape' || token.type === 'codespan') {
      const nested = (token as Tokens.Text).tokens
      if (nested && nested.length > 0) runs.push(...inlines(file, nested, strong))
      else runs.push({ text: (token as Tokens.Text).text, strong })
    } else if (token.type === 'em') runs.push(...inlines(file, (token as Tokens.Em).tokens, strong))
    else if (token.type === 'br') runs.push({ text: ' ', strong })
    else throw new ContentError(file, [`the body may hold plain text, **bold** and bullet lists, not "${token.type}"`])
  }
  return runs
}

/** Markdown to a small, safe block list: paragraphs and bullet lists of plain or bold text. */
function bodyBlocks(file: string, markdown: string): Block[] {
  const blocks: Block[] = []
  for (const token of new Lexer().lex(markdown)) {
    if (token.type === 'space') continue
    if (token.type === 'paragraph') blocks.push({ kind: 'paragraph', content: inlines(file, token.tokens) })
    else if (token.type === 'list' && !(token as Tokens.List).ordered) {
      blocks.push({
        kind: 'list',
        items: (token as Tokens.List).items.map((item) =>
          inlines(
            file,
            item.tokens.flatMap((t) => ('tokens' in t && t.tokens ? t.tokens : [t]))
          )
        )
      })
    } else throw new ContentError(file, [`the body may hold paragraphs and bullet lists, not a "${token.type}"`])
  }
  if (blocks.length === 0) throw new ContentError(file, ['the body is empty: write the screen below the front matter'])
  return blocks
}

const plain = (blocks: readonly Block[]): string =>
  blocks
    .flatMap((block) => (block.kind === 'paragraph' ? [block.content] : block.items))
    .map((runs) => runs.map((run) => run.text).join(''))
    .join('\n')

/** A Markdown file's front matter, checked by `schema`, and its body as blocks. */
function parseMarkdownFile<S extends z.ZodType>(
  file: string,
  source: string,
  schema: S
): { meta: z.output<S>; body: Block[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source)
  if (!match) throw new ContentError(file, ['start the file with front matter between two "---" lines'])
  const meta = schema.safeParse(parseYamlIn(file, match[1]!))
  if (!meta.success) throw new ContentError(file, describe(meta.error))
  return { meta: meta.data, body: bodyBlocks(file, match[2]!) }
}

export function parseGuideScreen(file: string, source: string): GuideScreen {
  const { meta, body } = parseMarkdownFile(file, source, guideFrontMatterSchema)
  return { ...meta, body }
}

export function parseConsentForm(file: string, source: string): ConsentForm {
  const { meta, body } = parseMarkdownFile(file, source, consentFrontMatterSchema)
  return { ...meta, text: blocksToText(body) }
}

/** The consent forms in `content/consent/`, checked against the add-ons they name. */
function loadConsentForms(dir: string, addOnIds: ReadonlySet<string>): ConsentForm[] {
  const consentDir = join(dir, 'consent')
  const forms = readdirSync(consentDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const file = `consent/${name}`
      const form = parseConsentForm(file, readFileSync(join(consentDir, name), 'utf8'))
      if (typeof form.when === 'object' && !addOnIds.has(form.when.addOn)) {
        throw new ContentError(file, [`when.addOn: "${form.when.addOn}" is not in add-ons.yaml`])
      }
      return form
    })
  if (!forms.some((form) => form.when === 'always'))
    throw new ContentError('consent', ['add a treatment form with "when: always"'])
  return forms
}

function parseList<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S>[] {
  const raw = parseYamlIn(file, text)
  if (!Array.isArray(raw)) throw new ContentError(file, ['must be a list of entries, each starting with "- id:"'])
  const problems: string[] = []
  const items = raw.flatMap((entry, index) => {
    const parsed = schema.safeParse(entry)
    if (parsed.success) return [parsed.data]
    problems.push(...describe(parsed.error).map((p) => `entry ${index + 1}: ${p}`))
    return []
  })
  if (problems.length > 0) throw new ContentError(file, problems)
  return items
}

function duplicates(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))]
}

/** Reads and checks everything in `content/`; throws a ContentError naming the file at fault. */
export function loadContent(dir: string): Content {
  const guideDir = join(dir, 'guide')
  const guideFiles = readdirSync(guideDir)
    .filter((name) => name.endsWith('.md'))
    .sort()
  const screens = guideFiles
    .map((name) => ({
      file: `guide/${name}`,
      screen: parseGuideScreen(`guide/${name}`, readFileSync(join(guideDir, name), 'utf8'))
    }))
    .sort((a, b) => a.screen.order - b.screen.order)
  const guide = screens.map(({ screen }) => screen)
  const areas = parseList('areas.yaml', readFileSync(join(dir, 'areas.yaml'), 'utf8'), areaSchema)
  const concerns = parseList('concerns.yaml', readFileSync(join(dir, 'concerns.yaml'), 'utf8'), concernSchema)
  const screening = parseList(
    'screening.yaml',
    readFileSync(join(dir, 'screening.yaml'), 'utf8'),
    screeningQuestionSchema
  )
  const addOns = parseList('add-ons.yaml', readFileSync(join(dir, 'add-ons.yaml'), 'utf8'), addOnSchema)

  for (const [file, ids] of [
    ['guide', guide.map((s) => s.id)],
    ['areas.yaml', areas.map((a) => a.id)],
    ['concerns.yaml', concerns.map((c) => c.id)],
    ['screening.yaml', screening.map((q) => q.id)],
    ['add-ons.yaml', addOns.map((a) => a.id)]
  ] as const) {
    const repeated = duplicates(ids)
    if (repeated.length > 0) throw new ContentError(file, [`ids used twice: ${repeated.join(', ')}`])
  }
  const areaIds = new Set(areas.map((a) => a.id))
  const concernIds = new Set(concerns.map((c) => c.id))
  for (const { file, screen } of screens) {
    const problems = [
      ...screen.areas.filter((id) => !areaIds.has(id)).map((id) => `areas: "${id}" is not in areas.yaml`),
      ...screen.concerns.filter((id) => !concernIds.has(id)).map((id) => `concerns: "${id}" is not in concerns.yaml`)
    ]
    if (problems.length > 0) throw new ContentError(file, problems)
  }
  if (guide.length === 0) throw new ContentError('guide', ['add at least one screen'])
  const handout = handoutSchema.safeParse(parseYamlIn('handout.yaml', readFileSync(join(dir, 'handout.yaml'), 'utf8')))
  if (!handout.success) throw new ContentError('handout.yaml', describe(handout.error))
  const precautions = precautionsSchema.safeParse(
    parseYamlIn('precautions.yaml', readFileSync(join(dir, 'precautions.yaml'), 'utf8'))
  )
  if (!precautions.success) throw new ContentError('precautions.yaml', describe(precautions.error))
  const locale = localeSchema.safeParse(parseYamlIn('locale.yaml', readFileSync(join(dir, 'locale.yaml'), 'utf8')))
  if (!locale.success) throw new ContentError('locale.yaml', describe(locale.error))
  if (!guide.some((s) => s.id === locale.data.insurance.screen)) {
    throw new ContentError('locale.yaml', [`insurance.screen: "${locale.data.insurance.screen}" is not a guide screen`])
  }
  const consent = loadConsentForms(dir, new Set(addOns.map((a) => a.id)))
  const repeatedForms = duplicates(consent.map((f) => f.id))
  if (repeatedForms.length > 0) throw new ContentError('consent', [`ids used twice: ${repeatedForms.join(', ')}`])
  return {
    guide,
    areas,
    concerns,
    screening,
    addOns,
    handout: handout.data,
    precautions: precautions.data,
    locale: locale.data,
    consent
  }
}

/**
 * A guide screen as plain text, for the readability checks. (Not in the bundle: the app
 * never needs it, and every byte of content is a byte of the page's scripts.)
 */
export const guidePlainText = (screen: GuideScreen): string => plain(screen.body)

/** A consent form's wording and its choice questions as plain text, for the readability checks. */
export const consentPlainText = (form: ConsentForm): string =>
  [plain(textToBlocks(form.text)), ...form.choices.map((c) => c.question)].join('\n')
