/** Svix-style webhook signatures, as Resend signs its webhooks (and as the local mail sink signs its own). */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SVIX_TOLERANCE_SECONDS = 5 * 60;

function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
export function signSvix(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export function svixHeaders(secret: string, id: string, body: string, now: Date = new Date()): Record<string, string> {
  const ts = Math.floor(now.getTime() / 1000);
  return { 'svix-id': id, 'svix-timestamp': String(ts), 'svix-signature': signSvix(secret, id, ts, body) };
}

export type SvixVerification = { ok: true; id: string } | { ok: false; reason: 'missing_headers' | 'stale' | 'bad_signature' };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Checks the svix-* headers (or their webhook-* twins from Standard Webhooks) against the raw body.
 * The signature header may list several space-separated signatures during a secret rotation.
 */
export function verifySvix(secret: string, rawBody: string, headers: HeaderSource, now: Date = new Date()): SvixVerification {
  const id = header(headers, 'svix-id') ?? header(headers, 'webhook-id');
  const ts = header(headers, 'svix-timestamp') ?? header(headers, 'webhook-timestamp');
  const sigs = header(headers, 'svix-signature') ?? header(headers, 'webhook-signature');
  if (!id || !ts || !sigs) return { ok: false, reason: 'missing_headers' };
  const seconds = Number(ts);
  if (!Number.isInteger(seconds) || Math.abs(now.getTime() / 1000 - seconds) > SVIX_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSvix(secret, id, seconds, rawBody).slice(3));
  for (const candidate of sigs.split(' ')) {
    const [version, sig] = candidate.split(',', 2);
    if (version !== 'v1' || !sig) continue;
    const got = Buffer.from(sig);
    if (got.length === expected.length && timingSafeEqual(got, expected)) return { ok: true, id };
  }
  return { ok: false, reason: 'bad_signature' };
}
