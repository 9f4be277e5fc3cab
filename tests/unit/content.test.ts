import { cpSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fleschKincaid } from 'flesch-kincaid'
import { syllable } from 'syllable'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import bundled from 'virtual:content'
import { blocksToText, textToBlocks } from '../../content/consent-text'
import { ContentError, loadContent, parseConsentForm, parseGuideScreen } from '../../content/load'
import { makeTempDir } from '../support/temp-dir'

const contentDir = resolve(__dirname, '../../content')

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

  it('is what the build compiled into the bundle', () => {
    expect(bundled).toEqual(JSON.parse(JSON.stringify(content)))
  })

  it.each(content.guide.map((screen) => [screen.id, screen] as const))(
    '"%s" reads at grade 8 or lower, in 3 to 6 short sentences, with a source for its claims',
    (_, screen) => {
      const grade = gradeLevel(screen.plainText)
      expect(grade, `${screen.id} scores grade ${grade.toFixed(1)}`).toBeLessThanOrEqual(8)
      const blocks = screen.body.length
      expect(blocks).toBeGreaterThanOrEqual(3)
      expect(blocks).toBeLessThanOrEqual(6)
      expect(screen.sources.length).toBeGreaterThan(0)
    }
  )

  it('is honest about risks: it names lasting harms and never claims none are known', () => {
    const risks = content.guide.find((s) => s.id === 'risks')!.plainText.toLowerCase()
    expect(risks).toContain('scars')
    expect(risks).toContain('dark patches')
    expect(risks).toContain('infection')
    const all = content.guide.map((s) => s.plainText.toLowerCase()).join('\n')
    expect(all).not.toMatch(/not known to cause|no risk|completely safe|risk-free/)
  })

  it('says that results take months', () => {
    expect(content.guide.find((s) => s.id === 'results')!.plainText).toMatch(/months/)
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
      const grade = gradeLevel(form.plainText)
      expect(grade, `${form.id} scores grade ${grade.toFixed(1)}`).toBeLessThanOrEqual(8)
      expect(form.version).toBeGreaterThanOrEqual(1)
      expect(form.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(form.sources.length).toBeGreaterThan(0)
    }
  )

  it('states the risks honestly', () => {
    const text = (id: string) => content.consent.find((f) => f.id === id)!.plainText.toLowerCase()
    for (const harm of ['scars', 'dark patches', 'infection', 'cold sores', 'allergy']) expect(text('treatment')).toContain(harm)
    for (const harm of ['burns', 'nerves', 'fat', 'pacemaker']) expect(text('rf')).toContain(harm)
    for (const harm of ['bruise', 'faint', 'infection']) expect(text('prp')).toContain(harm)
    expect(text('treatment')).toContain('cannot promise')
    const all = content.consent.map((f) => f.plainText.toLowerCase()).join('\n')
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
    const form = (front: string) => `---\n${front}\nsources:\n  - claim: A claim here.\n    url: https://example.org/\n---\nPlain words.\n`
    writeFileSync(join(dir.path, 'consent', 'treatment.md'), form('id: treatment\ntitle: Our consent\nversion: 2\neffective: 2027-01-01\nwhen: always'))
    expect(loadContent(dir.path).consent.find((f) => f.id === 'treatment')).toMatchObject({ version: 2, text: 'Plain words.' })
    writeFileSync(join(dir.path, 'consent', 'laser.md'), form('id: laser\ntitle: Laser\nversion: 1\neffective: 2027-01-01\nwhen:\n  addOn: laser'))
    expectProblem('consent/laser.md', /"laser" is not in add-ons.yaml/)
    expect(() => parseConsentForm('consent/x.md', form('id: x\ntitle: Photos\nversion: 0\neffective: soon\nwhen: photos'))).toThrow(
      /version[\s\S]*effective date is written YYYY-MM-DD[\s\S]*photography form asks each of: clinical-record, teaching, marketing/
    )
  })

  it('adds a new area without touching code', () => {
    const areas = `- id: knees\n  label: Knees\n  shapes:\n    - view: front\n      path: M60,300 L90,300 L90,320 L60,320 Z\n`
    writeFileSync(join(dir.path, 'areas.yaml'), areas)
    writeFileSync(join(dir.path, 'guide', '01-what-it-is.md'), '---\nid: a\ntitle: About\norder: 1\nsources:\n  - claim: A claim here.\n    url: https://example.org/\n---\nText.\n')
    for (const file of ['02-how-invasive.md', '03-how-it-works.md', '04-results.md', '05-risks.md', '06-where.md', '07-next-steps.md']) {
      writeFileSync(join(dir.path, 'guide', file), `---\nid: ${file.slice(3, -3)}\ntitle: Screen\norder: ${file.slice(0, 2)}\nsources:\n  - claim: A claim here.\n    url: https://example.org/\n---\nText.\n`)
    }
    expect(loadContent(dir.path).areas.map((a) => a.label)).toEqual(['Knees'])
  })
})
