/**
 * Hosts whose pages the app may open in the user's browser: the medical sources cited by
 * the guide and handouts. Anything else is refused.
 */
const allowedHosts = new Set([
  'dermnetnz.org',
  'www.statpearls.com',
  'www.fda.gov',
  'www.aad.org',
  'pubmed.ncbi.nlm.nih.gov',
  'pmc.ncbi.nlm.nih.gov',
  'doi.org',
  'www.cochranelibrary.com',
  'www.cdc.gov',
  'www.frontiersin.org'
])

/** True only for an https URL on an allowed host, with no credentials in it. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && allowedHosts.has(url.hostname)
}
