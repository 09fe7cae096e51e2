/** Outbound webhooks (journey webhook nodes, CRM tasks, Slack): HMAC-signed, idempotency-keyed, retried by Temporal. */
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';

export interface WebhookDeps {
  fetch: typeof fetch;
  signingSecret: string;
}

export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Throws a retryable failure on 5xx, 408, 429 and network errors; a non-retryable one on other 4xx. */
export async function postSigned(
  deps: WebhookDeps,
  input: { url: string; method?: 'POST' | 'PUT'; idempotencyKey: string; body: unknown; sign?: boolean },
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(input.body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': input.idempotencyKey };
  if (input.sign !== false) {
    headers['x-leadflow-timestamp'] = timestamp;
    headers['x-leadflow-signature'] = signBody(deps.signingSecret, timestamp, body);
  }
  let res: Response;
  try {
    res = await deps.fetch(input.url, { method: input.method ?? 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw ApplicationFailure.retryable(`webhook ${input.url} unreachable: ${String(err)}`, 'WebhookUnreachable');
  }
  const text = await res.text();
  if (res.ok) return { status: res.status, text };
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  const message = `webhook ${input.url} answered ${res.status}: ${text.slice(0, 200)}`;
  const retryAfter = Number(res.headers.get('retry-after'));
  if (retryable) {
    throw ApplicationFailure.create({ message, type: 'WebhookFailed', nextRetryDelay: Number.isFinite(retryAfter) && retryAfter > 0 ? `${retryAfter}s` : undefined });
  }
  throw ApplicationFailure.nonRetryable(message, 'WebhookRejected');
}
