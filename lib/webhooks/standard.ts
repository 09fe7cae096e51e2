/** Standard Webhooks (standardwebhooks.com) for what Leadflow sends and receives, so stock libraries verify both ends. */
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Each endpoint gets its own `whsec_` secret, derived from the master signing secret and the endpoint's URL, so a
 * leaked secret for one receiver forges nothing for another and no secret has to be stored in a journey definition.
 */
export function endpointSecret(masterSecret: string, endpointUrl: string): string {
  const url = new URL(endpointUrl);
  const key = createHmac('sha256', masterSecret).update(`leadflow-endpoint:${url.origin}${url.pathname}`).digest();
  return `whsec_${key.toString('base64')}`;
}

/** `webhook-id` stays the same across retries (receivers dedupe on it); the timestamp and signature are fresh each try. */
export function standardWebhookHeaders(secret: string, id: string, body: string, at: Date = new Date()): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

export type WebhookVerification = { ok: true; id: string } | { ok: false; reason: 'missing_headers' | 'stale' | 'bad_signature' | 'bad_id' };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Delivery ids are stored to apply each delivery once; anything longer or stranger than a real id is refused. */
const DELIVERY_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Verifies a delivery with the stock Standard Webhooks library over the exact bytes received, before anything is
 * parsed. Resend (via Svix) names the headers `svix-*`; Standard Webhooks names them `webhook-*`: both are accepted.
 */
export function verifyWebhook(secret: string, rawBody: string, headers: HeaderSource): WebhookVerification {
  const id = header(headers, 'webhook-id') ?? header(headers, 'svix-id');
  const timestamp = header(headers, 'webhook-timestamp') ?? header(headers, 'svix-timestamp');
  const signature = header(headers, 'webhook-signature') ?? header(headers, 'svix-signature');
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!DELIVERY_ID.test(id)) return { ok: false, reason: 'bad_id' };
  // The library signs the parsed number; only canonical digits make that the header's own bytes.
  if (!/^[1-9][0-9]{0,11}$/.test(timestamp)) return { ok: false, reason: 'bad_signature' };
  try {
    new Webhook(secret).verify(rawBody, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    return { ok: true, id };
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    return { ok: false, reason: /timestamp/i.test(message) ? 'stale' : 'bad_signature' };
  }
}

/** Svix-named headers, as Resend sends them: what the local mail sink signs its deliveries with. */
export function svixHeaders(secret: string, id: string, body: string, at: Date = new Date()): Record<string, string> {
  const h = standardWebhookHeaders(secret, id, body, at);
  return { 'svix-id': h['webhook-id']!, 'svix-timestamp': h['webhook-timestamp']!, 'svix-signature': h['webhook-signature']! };
}
