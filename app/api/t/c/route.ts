/** Click tracker: verifies the signed link, records one email_click, then sends the reader on to the target. */
import { getDb } from '@/db/client';
import { verifyClick } from '@/lib/email/links';
import { deliverNow } from '@/server/context';
import { recordClick } from '@/server/services/email-tracking';
import { log } from '@/lib/log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  const link = verifyClick(new URL(req.url).searchParams);
  // Never redirect on a bad signature: that would make us an open redirect for anyone's URL.
  if (!link) return new Response('This link is invalid or was altered (m, u and s must match the signed link).', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  try {
    const { outboxIds } = await recordClick(getDb(), link.messageId, link.url);
    await deliverNow(outboxIds);
  } catch (err) {
    // The reader still gets where they were going; Resend's own click webhook can record it later under the same id.
    log('tracking').error({ err, messageId: link.messageId }, 'click not recorded');
  }
  return new Response(null, { status: 302, headers: { location: link.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}
