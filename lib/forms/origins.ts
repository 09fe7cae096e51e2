/** Which web pages may post a form: the marketer lists origins (https://example.com) or host patterns (*.example.com). */

/** The canonical spelling of one allowed-origin entry, or null when it is neither an origin nor a host pattern. */
export function normalizeOriginEntry(entry: string): string | null {
  const e = entry.trim().toLowerCase().replace(/\/+$/, '');
  if (/^\*\.[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(e)) return e;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/.test(e)) return `https://${e}`;
  try {
    const url = new URL(e);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** True when `origin` (a request's Origin header) is one of the listed entries or matches a *.host pattern over https. */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return allowed.some((entry) => {
    if (!entry.startsWith('*.')) return entry === url.origin;
    return url.protocol === 'https:' && url.hostname.endsWith(entry.slice(1)) && url.port === '';
  });
}
