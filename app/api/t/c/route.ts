/** Click tracker: verifies the signed link, records one email_click (a person's GET only), then sends the reader on to the target. */
import { getDb } from '@/db/client';
import { verifyClick } from '@/lib/email/links';
import { deliverNow } from '@/server/context';
import { recordClick } from '@/server/services/email-tracking';
import { log } from '@/lib/log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const INVALID = 'This link is invalid or was altered (m, u and s must match the signed link).';
const redirect = (url: string) => new Response(null, { status: 302, headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });

export async function GET(req: Request): Promise<Response> {
  const link = verifyClick(new URL(req.url).searchParams);
  // Never redirect on a bad signature: that would make us an open redirect for anyone's URL.
  if (!link) return new Response(INVALID, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  try {
    const { outboxIds } = await recordClick(getDb(), link.messageId, link.url, new Date(), req.headers.get('user-agent'));
    await deliverNow(outboxIds);
  } catch (err) {
    // The reader still gets where they were going; Resend's own click webhook can record it later under the same id.
    log('tracking').error({ err, messageId: link.messageId }, 'click not recorded');
  }
  return redirect(link.url);
}

/** Link checkers send HEAD: they get the same answer, and nothing is scored. */
export function HEAD(req: Request): Response {
  const link = verifyClick(new URL(req.url).searchParams);
  return link ? redirect(link.url) : new Response(null, { status: 400 });
}
