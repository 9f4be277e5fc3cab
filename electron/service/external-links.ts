import content from 'virtual:content'

/** Every address the content cites: the only pages the app will open in the user's browser. */
const citedUrls: ReadonlySet<string> = new Set(
  [
    ...content.guide.flatMap((screen) => screen.sources.map((source) => source.url)),
    ...content.concerns.map((concern) => concern.source),
    ...content.screening.flatMap((question) => question.sources),
    ...content.addOns.flatMap((addOn) => [addOn.source, ...addOn.sources]),
    ...content.handout.sources,
    ...content.precautions.under22.sources,
    ...content.precautions.pih.sources
  ].map((url) => new URL(url).href)
)

/** True only for a web address cited in `content/`, exactly, with no credentials in it. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    citedUrls.has(url.href)
  )
}
