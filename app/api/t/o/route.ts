/** Open pixel: verifies the signed link, records one email_open on GET (never HEAD), and answers with a 1×1 transparent GIF. */
import { getDb } from '@/db/client';
import { verifyOpen } from '@/lib/email/links';
import { deliverNow } from '@/server/context';
import { recordOpen } from '@/server/services/email-tracking';
import { log } from '@/lib/log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// no-store so every mail client fetch reaches us; the deterministic event id keeps repeats from scoring.
const HEADERS = { 'content-type': 'image/gif', 'content-length': String(GIF.length), 'cache-control': 'no-store, no-cache, must-revalidate, max-age=0', pragma: 'no-cache', expires: '0' };

export async function GET(req: Request): Promise<Response> {
  const messageId = verifyOpen(new URL(req.url).searchParams);
  if (!messageId) return new Response('This tracking pixel is invalid or was altered (m and s must match).', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  try {
    const { outboxIds } = await recordOpen(getDb(), messageId);
    await deliverNow(outboxIds);
  } catch (err) {
    log('tracking').error({ err, messageId }, 'open not recorded');
  }
  return new Response(new Uint8Array(GIF), { status: 200, headers: HEADERS });
}

/** HEAD is not a mail client showing the image: same headers, nothing scored. */
export function HEAD(req: Request): Response {
  const ok = verifyOpen(new URL(req.url).searchParams) !== null;
  return new Response(null, { status: ok ? 200 : 400, headers: ok ? HEADERS : {} });
}
