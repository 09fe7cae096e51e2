/** Outbound webhooks (journey webhook nodes, CRM tasks, Slack): Standard-Webhooks-signed, idempotency-keyed, retried by Temporal. */
import { ApplicationFailure } from '@temporalio/common';
import { OutboundRefused, type SafeFetch } from '@/lib/net/safe-fetch';
import { endpointSecret, standardWebhookHeaders } from '@/lib/webhooks/standard';

export interface WebhookDeps {
  /** The worker passes createSafeFetch(): https only, public addresses only, no redirects followed. */
  fetch: SafeFetch;
  signingSecret: string;
}

/** The origin only: a Slack or CRM URL's path is itself a credential and must not land in workflow history. */
const where = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured URL';
  }
};

/** Throws a retryable failure on 5xx, 408, 429 and network errors; a non-retryable one on refusals, 3xx and other 4xx. */
export async function postSigned(
  deps: WebhookDeps,
  input: { url: string; method?: 'POST' | 'PUT'; idempotencyKey: string; body: unknown; sign?: boolean },
): Promise<{ status: number }> {
  const body = JSON.stringify(input.body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': input.idempotencyKey };
  if (input.sign !== false) Object.assign(headers, standardWebhookHeaders(endpointSecret(deps.signingSecret, input.url), input.idempotencyKey, body));
  let res: Response;
  try {
    res = await deps.fetch(input.url, { method: input.method ?? 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    if (err instanceof OutboundRefused) throw ApplicationFailure.nonRetryable(`webhook to ${where(input.url)} refused: ${err.message}`, 'WebhookRefused');
    throw ApplicationFailure.retryable(`webhook ${where(input.url)} unreachable: ${err instanceof Error ? err.message : String(err)}`, 'WebhookUnreachable');
  }
  // Only the status goes into history: a receiver's body is theirs, and may echo what an attacker wants recorded.
  await res.body?.cancel();
  if (res.ok) return { status: res.status };
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  const message = `webhook ${where(input.url)} answered ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}`;
  const retryAfter = Number(res.headers.get('retry-after'));
  if (retryable) {
    throw ApplicationFailure.create({ message, type: 'WebhookFailed', nextRetryDelay: Number.isFinite(retryAfter) && retryAfter > 0 ? `${retryAfter}s` : undefined });
  }
  throw ApplicationFailure.nonRetryable(message, 'WebhookRejected');
}
