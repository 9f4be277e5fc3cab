import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { fleschKincaid } from 'flesch-kincaid'
import { syllable } from 'syllable'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { blocksToText, textToBlocks } from '../../content/consent-text'
import {
  consentPlainText,
  ContentError,
  guidePlainText,
  loadContent,
  parseConsentForm,
  parseGuideScreen
} from '../../content/load'
import { localise } from '../../content/localise'
import type { Content } from '../../content/schema'
import { makeTempDir } from '../support/temp-dir'

const contentDir = resolve(__dirname, '../../content')
const builtAssets = resolve(__dirname, '../../out/renderer/assets')

/** The content as the build compiled it: the bundle's own module of it, in `out/`. */
async function builtContent(): Promise<unknown> {
  if (!existsSync(builtAssets)) {
    throw new Error(`There is no built app in ${builtAssets}: run \`npm run build\` first.`)
  }
  const chunks = readdirSync(builtAssets).filter((name) => /^content-.*\.js$/.test(name))
  expect(chunks, `the content's module among the built assets in ${builtAssets}`).toHaveLength(1)
  const exported = Object.values((await import(pathToFileURL(join(builtAssets, chunks[0]!)).href)) as object)
  expect(exported, 'what the content module exports').toHaveLength(1)
  return exported[0]
}

/** Flesch–Kincaid grade level (1975) of a text, counting sentences, words and syllables. */
function gradeLevel(text: string): number {
  const sentences = text.split(/[.!?]+(?:\s|$)/).filter((s) => s.trim().length > 0)
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []
  return fleschKincaid({
    sentence: sentences.length,
    word: words.length,
    syllable: words.reduce((sum, word) => sum + syllable(word), 0)
  })
}

/** Hosts of other clinics' and vendors' marketing pages: never a source for a medical claim. */
const marketingHosts = [
  'theeliteclinic.com',
  'kraussdermatology.com',
  'balancedayspa.com',
  'topbeauty.com.au',
  'drhmedical.co.uk',
  'kdsmile.com',
  'realself.com',
  'aeternaaesthetics.com',
  'cherieamouraesthetics.com',
  'shunins.com',
  'pielmedicalcenter.com',
  'americanmedspa.org'
]

/** Every source address in the content, with where it is used. */
function allSources(content: Content): { where: string; url: string }[] {
  return [
    ...content.guide.flatMap((s) => s.sources.map(({ url }) => ({ where: `guide/${s.id}`, url }))),
    ...content.screening.flatMap((q) => q.sources.map((url) => ({ where: `screening ${q.id}`, url }))),
    ...content.concerns.map((c) => ({ where: `concern ${c.id}`, url: c.source })),
    ...content.addOns.flatMap((a) => [a.source, ...a.sources].map((url) => ({ where: `add-on ${a.id}`, url }))),
    ...content.handout.sources.map((url) => ({ where: 'handout', url })),
    ...content.precautions.under22.sources.map((url) => ({ where: 'precautions under22', url })),
    ...content.precautions.pih.sources.map((url) => ({ where: 'precautions pih', url }))
  ]
}

/** What patients read, file by file (retired screening questions are kept as once asked). */
function patientText(content: Content): Record<string, string[]> {
  const asked = content.screening.filter((q) => !q.retired)
  const { pih, under22 } = content.precautions
  return {
    ...Object.fromEntries(content.guide.map((s) => [`guide/${s.id}`, [guidePlainText(s)]])),
    'guide sources': content.guide.flatMap((s) => s.sources.map((source) => source.claim)),
    'screening.yaml': asked.flatMap((q) => [q.question, q.why, ...(q.advice ? [q.advice] : [])]),
    'handout.yaml': Object.entries(content.handout)
      .filter(([key]) => key !== 'sources')
      .flatMap(([, value]) => (Array.isArray(value) ? value : [value]) as string[])
      .map((line) => line.replace(/\{\w+\}/g, '12')),
    'add-ons.yaml': content.addOns.flatMap((a) => [a.note, ...a.risks, ...a.aftercare]),
    'concerns.yaml': content.concerns.flatMap((c) => [c.plain, ...(c.caveat ? [c.caveat] : [])]),
    'precautions.yaml': [under22.label, under22.why, pih.label, pih.why, pih.planNote, ...pih.handout],
    'areas.yaml': content.areas.flatMap((a) => [a.label, ...a.zones])
  }
}

const SEED = '9ec1d30'
const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z]+)?/g) ?? []
const runs = (text: string, length: number): string[] => {
  const list = words(text)
  return list.slice(0, Math.max(0, list.length - length + 1)).map((_, i) => list.slice(i, i + length).join(' '))
}

/** The seed's content text at every commit up to SEED, without addresses or figure paths. */
function seedText(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: resolve(contentDir, '..'), encoding: 'utf8' })
  const files = ['guide', 'handout.yaml', 'screening.yaml', 'add-ons.yaml', 'concerns.yaml', 'areas.yaml'].map(
    (f) => `content/${f}`
  )
  return git('log', '--format=%H', SEED, '--', ...files)
    .split('\n')
    .filter(Boolean)
    .flatMap((commit) =>
      git('ls-tree', '-r', '--name-only', commit, '--', ...files)
        .split('\n')
        .filter(Boolean)
        .map((file) => git('show', `${commit}:${file}`))
    )
    .join('\n')
    .split('\n')
    .filter((line) => !/https?:|path:/.test(line))
    .join('\n')
}

describe('the content a dermatologist signs off', () => {
  const content = loadContent(contentDir)
  const asked = content.screening.filter((q) => !q.retired)

  it('asks one question per item of the screening list, each with a why and a level', () => {
    const ids = asked.map((q) => q.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'skin-cancer',
        'infection-now',
        'cold-sore-now',
        'cold-sores',
        'sore-skin',
        'active-acne',
        'isotretinoin-now',
        'isotretinoin-past',
        'pregnant',
        'breastfeeding',
        'metal-allergy',
        'numbing-allergy',
        'product-allergy',
        'bleeding-disorder',
        'blood-thinners',
        'bleeding-medicines',
        'keloid',
        'new-scars',
        'diabetes',
        'slow-healing',
        'weak-immunity',
        'cancer-treatment',
        'collagen-disease',
        'skin-conditions',
        'vitiligo',
        'warts',
        'sun-spots',
        'dark-marks',
        'tanning',
        'retinoids',
        'laser-recent',
        'peel-recent',
        'filler-recent',
        'toxin-recent',
        'threads',
        'permanent-filler',
        'blood-infection',
        'implanted-device',
        'metal-implants'
      ])
    )
    for (const q of asked) {
      expect(q.question, q.id).not.toMatch(/ or .*\bor\b.*,|\(including/)
      expect(q.why.length, q.id).toBeGreaterThan(20)
    }
  })

  it('marks the labelled contraindications "do not treat", and only those', () => {
    const doNotTreat = asked
      .filter((q) => q.level === 'do-not-treat')
      .map((q) => q.id)
      .sort()
    expect(doNotTreat).toEqual(
      [
        'skin-cancer',
        'infection-now',
        'cold-sore-now',
        'sore-skin',
        'isotretinoin-now',
        'pregnant',
        'breastfeeding',
        'metal-allergy',
        'numbing-allergy',
        'bleeding-disorder'
      ].sort()
    )
    for (const q of asked.filter((q) => q.level === 'do-not-treat')) expect(q.disputed, q.id).toBe(false)
  })

  it('cites no marketing page of another clinic, anywhere', () => {
    const sources = allSources(content)
    expect(sources.length).toBeGreaterThan(30)
    const marketing = sources.filter(({ url }) => marketingHosts.includes(new URL(url).hostname.replace(/^www\./, '')))
    expect(marketing).toEqual([])
  })

  it('gives every claim block a source: screens, questions (or says it is common practice), add-on risks', () => {
    for (const screen of content.guide) expect(screen.sources.length, screen.id).toBeGreaterThan(0)
    for (const q of content.screening) expect(q.sources.length > 0 || q.practice, q.id).toBe(true)
    for (const a of content.addOns) if (a.risks.length > 0) expect(a.sources.length, a.id).toBeGreaterThan(0)
    expect(content.handout.sources.length).toBeGreaterThan(0)
  })

  it.each(Object.entries(patientText(content)).filter(([file]) => !file.startsWith('guide') && file !== 'areas.yaml'))(
    '%s reads at grade 8 or lower',
    (file, lines) => {
      const grade = gradeLevel(lines.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`)).join(' '))
      expect(grade, `${file} scores grade ${grade.toFixed(1)}`).toBeLessThanOrEqual(8)
    }
  )

  it('shares no run of 8 words with the seed’s wording', () => {
    const seed = new Set(runs(seedText(), 8))
    expect(seed.size).toBeGreaterThan(500)
    const shared = Object.entries(patientText(content)).flatMap(([file, lines]) =>
      lines.flatMap((line) =>
        runs(line, 8)
          .filter((run) => seed.has(run))
          .map((run) => `${file}: "${run}"`)
      )
    )
    expect(shared).toEqual([])
  })

  it('says plainly that needling wounds and bleeds, and gives the pain score its context', () => {
    const text = (id: string) => guidePlainText(content.guide.find((s) => s.id === id)!).toLowerCase()
    const all = content.guide.map((s) => guidePlainText(s).toLowerCase()).join('\n')
    expect(all).not.toMatch(/no open wounds|only a little invasive|lower layer of skin can grow thicker/)
    expect(text('how-invasive')).toMatch(/bleeding/)
    expect(text('how-invasive')).toMatch(/study of 15 people who had numbing cream/)
    expect(text('how-it-works')).toMatch(/thicker top layer/)
    expect(text('risks')).toMatch(/darker skin/)
    expect(text('risks')).not.toMatch(/do not (fully )?agree/)
  })

  it('uses one term for one thing, and UK spelling that the US list can swap (per Settings)', () => {
    const text = Object.values(patientText(content)).flat().join('\n').toLowerCase()
    const has = (word: string) => new RegExp(`(?<![\\p{L}-])${word}(?![\\p{L}-])`, 'u').test(text)
    for (const { use, avoid } of content.locale.terms) {
      expect(has(use), `"${use}" is used`).toBe(true)
      for (const word of avoid) expect(has(word), `"${word}" is avoided for "${use}"`).toBe(false)
    }
    for (const { uk, us } of content.locale.spelling) {
      expect(has(us.toLowerCase()), `US "${us}" is not written in the content`).toBe(false)
      expect(localise(content.locale, 'us', `A ${uk} here.`)).toBe(`A ${us} here.`)
      expect(localise(content.locale, 'uk', `A ${uk} here.`)).toBe(`A ${uk} here.`)
    }
    expect(text).not.toMatch(/insurance/)
  })

  it('names the eye zone by what is treated, the same in areas, guide and handout', () => {
    const face = content.areas.find((a) => a.id === 'face')!
    expect(face.zones).toContain('Under-eye, outside the bony rim')
    expect(face.zones.join(' ')).not.toMatch(/around the eyes/i)
    expect(guidePlainText(content.guide.find((s) => s.id === 'where')!)).toMatch(/inside the bony rim around the eye/)
  })

  it('tells patients to put on only what the clinic gives, and when to call emergency services', () => {
    const { aftercare, warningSigns, warningNote, prepare } = content.handout
    expect(aftercare.join(' ')).toMatch(/nothing on the treated skin except what we give you/)
    expect(aftercare.join(' ')).toMatch(/hands/)
    expect(aftercare.join(' ')).toMatch(/pillowcase/)
    expect(warningSigns.join(' ')).toMatch(/hives/)
    expect(warningNote).toMatch(/trouble breathing.*emergency services/)
    expect(prepare.join(' ')).toMatch(/retinoid/)
    expect(prepare.join(' ')).toMatch(/tan/)
    expect(prepare.join(' ')).toMatch(/cold sores/)
    expect(prepare.join(' ')).toMatch(/no make-up/)
  })
})

describe('the guide content in the repository', () => {
  const content = loadContent(contentDir)

  it('covers the seven topics of the brief, in order', () => {
    expect(content.guide.map((s) => s.id)).toEqual([
      'what-it-is',
      'how-invasive',
      'how-it-works',
      'results',
      'risks',
      'where',
      'next-steps'
    ])
  })

  it('is what the build compiled into the bundle (out/)', async () => {
    expect(await builtContent()).toEqual(JSON.parse(JSON.stringify(content)))
  })

  it.each(content.guide.map((screen) => [screen.id, screen] as const))(
    '"%s" reads at grade 8 or lower, in 3 to 6 short sentences, with a source for its claims',
    (_, screen) => {
      const grade = gradeLevel(guidePlainText(screen))
      expect(grade, `${screen.id} scores grade ${grade.toFixed(1)}`).toBeLessThanOrEqual(8)
      const blocks = screen.body.length
      expect(blocks).toBeGreaterThanOrEqual(3)
      expect(blocks).toBeLessThanOrEqual(6)
      expect(screen.sources.length).toBeGreaterThan(0)
    }
  )

  it('is honest about risks: it names lasting harms and never claims none are known', () => {
    const risks = guidePlainText(content.guide.find((s) => s.id === 'risks')!).toLowerCase()
    expect(risks).toContain('scars')
    expect(risks).toContain('dark patches')
    expect(risks).toContain('infection')
    const all = content.guide.map((s) => guidePlainText(s).toLowerCase()).join('\n')
    expect(all).not.toMatch(/not known to cause|no risk|completely safe|risk-free/)
  })

  it('says that results take months', () => {
    expect(guidePlainText(content.guide.find((s) => s.id === 'results')!)).toMatch(/months/)
  })

  it('offers the five areas of the brief, and arms and legs by side', () => {
    const ids = content.areas.map((a) => a.id)
    expect(ids).toEqual(expect.arrayContaining(['face', 'neck', 'chest', 'arms', 'legs']))
    for (const id of ['arms', 'legs']) expect(content.areas.find((a) => a.id === id)!.sided).toBe(true)
  })
})

describe('the consent forms in the repository', () => {
  const content = loadContent(contentDir)

  it('has a treatment form, one for PRP and one for RF microneedling, and a photography form', () => {
    expect(content.consent.map((f) => [f.id, f.when])).toEqual(
      expect.arrayContaining([
        ['treatment', 'always'],
        ['prp', { addOn: 'prp' }],
        ['rf', { addOn: 'rf' }],
        ['photography', 'photos']
      ])
    )
  })

  it.each(content.consent.map((form) => [form.id, form] as const))(
    '"%s" reads at grade 8 or lower, has a version, an effective date and sources',
    (_, form) => {
      const grade = gradeLevel(consentPlainText(form))
      expect(grade, `${form.id} scores grade ${grade.toFixed(1)}`).toBeLessThanOrEqual(8)
      expect(form.version).toBeGreaterThanOrEqual(1)
      expect(form.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(form.sources.length).toBeGreaterThan(0)
    }
  )

  it('states the risks honestly', () => {
    const text = (id: string) => consentPlainText(content.consent.find((f) => f.id === id)!).toLowerCase()
    for (const harm of ['scars', 'dark patches', 'infection', 'cold sores', 'allergy'])
      expect(text('treatment')).toContain(harm)
    for (const harm of ['burns', 'nerves', 'fat', 'pacemaker']) expect(text('rf')).toContain(harm)
    for (const harm of ['bruise', 'faint', 'infection']) expect(text('prp')).toContain(harm)
    expect(text('treatment')).toContain('cannot promise')
    const all = content.consent.map((f) => consentPlainText(f).toLowerCase()).join('\n')
    expect(all).not.toMatch(/not known to cause|no risk|completely safe|risk-free|guarantee/)
  })

  it('keeps its wording through the text a signed consent stores', () => {
    for (const form of content.consent) expect(blocksToText(textToBlocks(form.text))).toBe(form.text)
  })
})

describe('a clinic editing the content', () => {
  let dir: ReturnType<typeof makeTempDir>
  beforeEach(() => {
    dir = makeTempDir('mnc-content-')
    cpSync(contentDir, dir.path, { recursive: true })
  })
  afterEach(() => dir.remove())

  const expectProblem = (file: string, problem: RegExp) => {
    try {
      loadContent(dir.path)
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError)
      expect((error as ContentError).file).toBe(file)
      expect((error as Error).message).toMatch(problem)
      return
    }
    throw new Error('the broken content loaded without an error')
  }

  it('gets the file name and the problem for a screen with no sources and a bad order', () => {
    writeFileSync(
      join(dir.path, 'guide', '99-broken.md'),
      '---\nid: broken\ntitle: Broken\norder: first\nsources: []\n---\nSome text.\n'
    )
    expectProblem('guide/99-broken.md', /order: .*number[\s\S]*sources: list the source/)
  })

  it('gets told when a screen names an area that does not exist', () => {
    writeFileSync(
      join(dir.path, 'guide', '98-elbows.md'),
      '---\nid: elbows\ntitle: Elbows\norder: 80\nareas: [elbows]\nsources:\n  - claim: Elbows are areas.\n    url: https://example.org/\n---\nText.\n'
    )
    expectProblem('guide/98-elbows.md', /"elbows" is not in areas.yaml/)
  })

  it('gets told when front matter is missing or the body holds HTML', () => {
    expect(() => parseGuideScreen('guide/x.md', 'Just text')).toThrow(/front matter/)
    expect(() =>
      parseGuideScreen(
        'guide/x.md',
        '---\nid: x\ntitle: Title\norder: 1\nsources:\n  - claim: A claim here.\n    url: https://example.org/\n---\n<script>alert(1)</script>\n'
      )
    ).toThrow(/not a "html"/)
  })

  it('gets told about an area with a bad path, or a side missing', () => {
    const area = (shape: string) =>
      `- id: elbows\n  label: Elbows\n  singular: elbow\n  sided: true\n  shapes:\n    - view: front\n${shape}`
    writeFileSync(join(dir.path, 'areas.yaml'), area('      side: left\n      path: "<svg/>"\n'))
    expectProblem('areas.yaml', /entry 1: shapes.0.path: must be SVG path data/)
    writeFileSync(join(dir.path, 'areas.yaml'), area('      path: M0,0 L1,1 Z\n'))
    expectProblem('areas.yaml', /entry 1: shapes.0.side: a sided area needs side: left or right/)
  })

  it('changes a consent form without code, and is told about a form that is not right', () => {
    const form = (front: string) =>
      `---\n${front}\nsources:\n  - claim: A claim here.\n    url: https://example.org/\n---\nPlain words.\n`
    writeFileSync(
      join(dir.path, 'consent', 'treatment.md'),
      form('id: treatment\ntitle: Our consent\nversion: 2\neffective: 2027-01-01\nwhen: always')
    )
    expect(loadContent(dir.path).consent.find((f) => f.id === 'treatment')).toMatchObject({
      version: 2,
      text: 'Plain words.'
    })
    writeFileSync(
      join(dir.path, 'consent', 'laser.md'),
      form('id: laser\ntitle: Laser\nversion: 1\neffective: 2027-01-01\nwhen:\n  addOn: laser')
    )
    expectProblem('consent/laser.md', /"laser" is not in add-ons.yaml/)
    expect(() =>
      parseConsentForm('consent/x.md', form('id: x\ntitle: Photos\nversion: 0\neffective: soon\nwhen: photos'))
    ).toThrow(
      /version[\s\S]*effective date is written YYYY-MM-DD[\s\S]*photography form asks each of: clinical-record, teaching, marketing/
    )
  })

  it('adds a new area without touching code', () => {
    const areas = `- id: knees\n  label: Knees\n  shapes:\n    - view: front\n      path: M60,300 L90,300 L90,320 L60,320 Z\n`
    writeFileSync(join(dir.path, 'areas.yaml'), areas)
    writeFileSync(
      join(dir.path, 'guide', '01-what-it-is.md'),
      '---\nid: a\ntitle: About\norder: 1\nsources:\n  - claim: A claim here.\n    url: https://example.org/\n---\nText.\n'
    )
    for (const file of [
      '02-how-invasive.md',
      '03-how-it-works.md',
      '04-results.md',
      '05-risks.md',
      '06-where.md',
      '07-next-steps.md'
    ]) {
      writeFileSync(
        join(dir.path, 'guide', file),
        `---\nid: ${file.slice(3, -3)}\ntitle: Screen\norder: ${file.slice(0, 2)}\nsources:\n  - claim: A claim here.\n    url: https://example.org/\n---\nText.\n`
      )
    }
    expect(loadContent(dir.path).areas.map((a) => a.label)).toEqual(['Knees'])
  })
})
