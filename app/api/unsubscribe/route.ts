/** Unsubscribe: the footer link (GET, shows a confirmation page) and RFC 8058 one-click (POST from the mail client). */
import { getDb } from '@/db/client';
import { verifyUnsubscribe } from '@/lib/email/links';
import { env } from '@/lib/env';
import { deliverNow } from '@/server/context';
import { unsubscribeLead } from '@/server/services/email-tracking';
import { log } from '@/lib/log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1 data-testid="unsubscribe-title">${escape(title)}</h1><p>${body}</p></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

const INVALID = 'This unsubscribe link is invalid or was altered (l and s must match the signed link). Use the link from the most recent email.';

async function unsubscribe(req: Request, via: 'link' | 'one_click') {
  const leadId = verifyUnsubscribe(new URL(req.url).searchParams);
  if (!leadId) return null;
  const result = await unsubscribeLead(getDb(), leadId, via);
  await deliverNow(result.outboxIds);
  return result;
}

export async function GET(req: Request): Promise<Response> {
  try {
    const result = await unsubscribe(req, 'link');
    if (!result) return page(400, 'Link not valid', escape(INVALID));
    if (!result.found) return page(404, 'Nothing to unsubscribe', 'We have no subscriber for this link any more, so you will not get further emails from us.');
    const product = escape(env().PRODUCT_NAME);
    return page(200, 'You are unsubscribed', `${escape(result.email ?? 'Your address')} will get no more marketing emails from ${product}.`);
  } catch (err) {
    log('unsubscribe').error({ err, via: 'link' }, 'unsubscribe failed');
    return page(500, 'Please try again', 'We could not record your unsubscribe just now. Reload this page in a minute.');
  }
}

/** RFC 8058: the client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe URL; the signature is in the query. */
export async function POST(req: Request): Promise<Response> {
  try {
    const result = await unsubscribe(req, 'one_click');
    if (!result) return Response.json({ error: INVALID, field: 's' }, { status: 400 });
    if (!result.found) return Response.json({ error: 'no lead matches this link', field: 'l' }, { status: 404 });
    return Response.json({ unsubscribed: true, lead_id: new URL(req.url).searchParams.get('l') });
  } catch (err) {
    log('unsubscribe').error({ err, via: 'one_click' }, 'unsubscribe failed');
    // 5xx so the mail client retries the one-click request.
    return Response.json({ error: 'internal error' }, { status: 500 });
  }
}
