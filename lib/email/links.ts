/** Signed links in outgoing mail: unsubscribe, click tracking, the open pixel, and the lead event ids they produce. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { secretFor } from '@/lib/secrets';

export interface LinkOptions {
  appUrl?: string;
  secret?: string;
}

function resolve(opts: LinkOptions | undefined): { appUrl: string; secret: string } {
  const trim = (url: string) => url.replace(/\/+$/, '');
  if (opts?.appUrl && opts.secret) return { appUrl: trim(opts.appUrl), secret: opts.secret };
  const e = env();
  return { appUrl: trim(opts?.appUrl ?? e.APP_URL), secret: opts?.secret ?? secretFor('links', e) };
}

function sign(secret: string, purpose: string, ...parts: string[]): string {
  // The purpose prefix stops a click signature being replayed as an unsubscribe signature.
  return createHmac('sha256', secret).update([purpose, ...parts].join('\n')).digest('base64url').slice(0, 32);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const v = params[name];
  return Array.isArray(v) ? v[0] : v;
}

export const UNSUBSCRIBE_PATH = '/api/unsubscribe';
export const CLICK_PATH = '/api/t/c';
export const OPEN_PATH = '/api/t/o';

/** Also the List-Unsubscribe target: a POST to it (RFC 8058 one-click) must unsubscribe too. */
export function unsubscribeUrl(leadId: string, opts?: LinkOptions): string {
  const { appUrl, secret } = resolve(opts);
  const q = new URLSearchParams({ l: leadId, s: sign(secret, 'unsubscribe', leadId) });
  return `${appUrl}${UNSUBSCRIBE_PATH}?${q.toString()}`;
}

/** The lead id when the signature holds, otherwise null. */
export function verifyUnsubscribe(params: Params, opts?: Pick<LinkOptions, 'secret'>): string | null {
  const { secret } = resolve({ appUrl: 'x', ...opts });
  const leadId = param(params, 'l');
  const s = param(params, 's');
  if (!leadId || !s) return null;
  return safeEqual(s, sign(secret, 'unsubscribe', leadId)) ? leadId : null;
}

export function clickTrackingUrl(messageId: string, url: string, opts?: LinkOptions): string {
  const { appUrl, secret } = resolve(opts);
  const q = new URLSearchParams({ m: messageId, u: url, s: sign(secret, 'click', messageId, url) });
  return `${appUrl}${CLICK_PATH}?${q.toString()}`;
}

/** Only http(s) targets verify, so a signed link can never become a javascript: redirect. */
export function verifyClick(params: Params, opts?: Pick<LinkOptions, 'secret'>): { messageId: string; url: string } | null {
  const { secret } = resolve({ appUrl: 'x', ...opts });
  const messageId = param(params, 'm');
  const url = param(params, 'u');
  const s = param(params, 's');
  if (!messageId || !url || !s || !/^https?:\/\//i.test(url)) return null;
  return safeEqual(s, sign(secret, 'click', messageId, url)) ? { messageId, url } : null;
}

export function openPixelUrl(messageId: string, opts?: LinkOptions): string {
  const { appUrl, secret } = resolve(opts);
  const q = new URLSearchParams({ m: messageId, s: sign(secret, 'open', messageId) });
  return `${appUrl}${OPEN_PATH}?${q.toString()}`;
}

export function verifyOpen(params: Params, opts?: Pick<LinkOptions, 'secret'>): string | null {
  const { secret } = resolve({ appUrl: 'x', ...opts });
  const messageId = param(params, 'm');
  const s = param(params, 's');
  if (!messageId || !s) return null;
  return safeEqual(s, sign(secret, 'open', messageId)) ? messageId : null;
}

const decodeAttr = (v: string) => v.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
const encodeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Rewrites every http(s) href through the click tracker and appends the open pixel.
 * Unsubscribe links stay direct: a tracker in front of them would count an opt-out as engagement.
 */
export function addTracking(html: string, messageId: string, opts?: LinkOptions & { skip?: string[] }): string {
  const { appUrl } = resolve(opts);
  const skip = new Set(opts?.skip ?? []);
  const rewritten = html.replace(/href="(https?:\/\/[^"]+)"/gi, (whole, raw: string) => {
    const url = decodeAttr(raw);
    if (skip.has(url) || url.startsWith(`${appUrl}${UNSUBSCRIBE_PATH}`)) return whole;
    return `href="${encodeAttr(clickTrackingUrl(messageId, url, opts))}"`;
  });
  const pixel = `<img src="${encodeAttr(openPixelUrl(messageId, opts))}" width="1" height="1" alt="" style="display:none;border:0" />`;
  return rewritten.includes('</body>') ? rewritten.replace('</body>', `${pixel}</body>`) : rewritten + pixel;
}

/**
 * The lead event id for an open or click on a message: deterministic, so the Resend webhook and
 * Leadflow's own tracker (and any replay of either) record one event, which scoring counts once.
 */
export function emailEventId(messageId: string, type: 'email_open' | 'email_click' | 'spam_complaint', link?: string): string {
  if (type !== 'email_click' || !link) return `${type}:${messageId}`;
  return `${type}:${messageId}:${createHash('sha256').update(link).digest('hex').slice(0, 16)}`;
}
