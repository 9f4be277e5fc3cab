import { readStaticFile } from '../service/static-file'

/** The app's own scheme: the built renderer is served as app://app/… instead of file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'app'
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`

export interface AppFile {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: Buffer | null
}

/** Answers one app:// request from the built renderer in `root`: only the app host, only files inside `root`. */
export async function appFile(url: string, root: string): Promise<AppFile> {
  const notFound: AppFile = { status: 404, headers: {}, body: null }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return notFound
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return notFound
  const found = await readStaticFile(parsed.pathname, root)
  return found ? { status: 200, ...found } : notFound
}
