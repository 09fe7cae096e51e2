/** The cross-site check for state-changing API requests, shared by Next's proxy and the app server's lean path. */

export const CROSS_SITE_REFUSED = 'cross-site request refused: Origin does not match this app';

/**
 * A browser always sends Origin on a cross-site POST; a request from curl or a mail client sends none and carries no
 * cookie to abuse. `requestOrigin` is the origin the request was addressed to (protocol and host as the server saw them).
 */
export function isCrossSite(headers: Headers, requestOrigin: string): boolean {
  const origin = headers.get('origin');
  if (!origin) return headers.get('sec-fetch-site') === 'cross-site';
  const self = new URL(requestOrigin);
  const allowed = new Set([new URL(process.env.APP_URL ?? self.origin).origin, self.origin]);
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (host) allowed.add(`${self.protocol}//${host}`);
  return !allowed.has(origin);
}
