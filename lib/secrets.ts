/** One secret per purpose (sessions, signed links, outbound webhooks), so a webhook receiver cannot forge an unsubscribe or tracking link. */
import { createHmac } from 'node:crypto';
import { DEV_RESEND_WEBHOOK_SECRET, DEV_ROOT_SECRET, DEV_WEBHOOK_SIGNING_SECRET, env, type Env } from '@/lib/env';

export type SecretPurpose = 'sessions' | 'links';

const derive = (root: string, purpose: string) => createHmac('sha256', root).update(`leadflow:${purpose}`).digest('base64url');

/** The explicit variable when set, otherwise derived from LEADFLOW_SECRET. */
export function secretFor(purpose: SecretPurpose, e: Env = env()): string {
  if (purpose === 'sessions') return e.SESSION_SECRET ?? derive(e.LEADFLOW_SECRET, purpose);
  return e.LINK_SIGNING_SECRET ?? derive(e.LEADFLOW_SECRET, purpose);
}

/**
 * The variables whose effective secret is still the development default; a production start refuses to run with any.
 * A derived secret is a default exactly when the root is.
 */
export function defaultSecrets(e: Env = env()): string[] {
  const rootIsDefault = e.LEADFLOW_SECRET === DEV_ROOT_SECRET;
  const found: string[] = [];
  if (!e.SESSION_SECRET && rootIsDefault) found.push('SESSION_SECRET (or LEADFLOW_SECRET)');
  if (!e.LINK_SIGNING_SECRET && rootIsDefault) found.push('LINK_SIGNING_SECRET (or LEADFLOW_SECRET)');
  if (e.WEBHOOK_SIGNING_SECRET === DEV_WEBHOOK_SIGNING_SECRET) found.push('WEBHOOK_SIGNING_SECRET');
  if (e.RESEND_WEBHOOK_SECRET === DEV_RESEND_WEBHOOK_SECRET) found.push('RESEND_WEBHOOK_SECRET');
  return found;
}
