/** Turns a Resend `{ error }` result into a Temporal failure: the SDK never throws, so activities must. */
import { ApplicationFailure } from '@temporalio/common';

export interface ResendErrorLike {
  statusCode: number | null;
  name: string;
  message: string;
}

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string> | null | undefined, now = Date.now()): number | undefined {
  const raw = headers?.['retry-after'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * 429 and 5xx (and network failures, statusCode null) retry under the activity's policy, sooner or later
 * as Retry-After says; other 4xx are the request's fault, so retrying would only repeat the rejection.
 */
export function isRetryable(error: ResendErrorLike): boolean {
  const s = error.statusCode;
  return s === null || s === 429 || s >= 500 || error.name === 'concurrent_idempotent_requests';
}

export function resendFailure(error: ResendErrorLike, headers?: Record<string, string> | null): ApplicationFailure {
  const retryable = isRetryable(error);
  return ApplicationFailure.create({
    type: `Resend.${error.name}`,
    message: `Resend rejected the email (${error.statusCode ?? 'no response'} ${error.name}): ${error.message}`,
    nonRetryable: !retryable,
    nextRetryDelay: retryable ? retryAfterMs(headers) : undefined,
    details: [{ statusCode: error.statusCode, name: error.name }],
  });
}
