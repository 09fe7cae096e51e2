/** The one place a Resend client is built; everything else receives it (or the narrow `ResendClient`) injected. */
import { Resend } from 'resend';
import { env } from '@/lib/env';

/** The part of the SDK Leadflow uses, so tests can pass a fake. */
export type ResendClient = Pick<Resend, 'emails' | 'batch'>;

/** `baseUrl` points the SDK at the local mail sink (scripts/mail-sink) instead of api.resend.com. */
export function createResend(options: { apiKey: string; baseUrl?: string }): Resend {
  return new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
}

const globalForResend = globalThis as unknown as { leadflowResend?: Resend };

/** The process-wide client, cached on globalThis so Next's hot reload does not build one per request. */
export function getResend(): Resend {
  const { RESEND_API_KEY, RESEND_BASE_URL } = env();
  globalForResend.leadflowResend ??= createResend({ apiKey: RESEND_API_KEY, baseUrl: RESEND_BASE_URL });
  return globalForResend.leadflowResend;
}
