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
