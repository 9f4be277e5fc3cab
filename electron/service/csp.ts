/**
 * The Content-Security-Policy of a page, read from its `<meta http-equiv>` tag, so the
 * servers (the app:// protocol and browser mode) can send the very same policy as a header.
 */
export function cspOf(html: string): string | undefined {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
  return meta?.[1]
}
