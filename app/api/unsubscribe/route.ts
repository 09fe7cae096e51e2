/**
 * Unsubscribe. GET (the footer link) only shows a page whose button POSTs: mail scanners fetch links and must not
 * unsubscribe anyone. POST is the button, or a mail client's RFC 8058 one-click request; both unsubscribe.
 */
import { getDb } from '@/db/client';
import { escapeHtml, headOf, htmlPage, postButton, readForm } from '@/lib/api/html-page';
import { UNSUBSCRIBE_PATH, verifyUnsubscribe } from '@/lib/email/links';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { deliverNow } from '@/server/context';
import { unsubscribeLead } from '@/server/services/email-tracking';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const INVALID = 'This unsubscribe link is invalid or was altered (l and s must match the signed link). Use the link from the most recent email.';
const page = (status: number, title: string, body: string) => htmlPage(status, title, body, 'unsubscribe-title');

export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (!verifyUnsubscribe(url.searchParams)) return page(400, 'Link not valid', `<p>${escapeHtml(INVALID)}</p>`);
  const product = escapeHtml(env().PRODUCT_NAME);
  return page(
    200,
    'Unsubscribe from marketing emails?',
    `<p>You will get no more marketing emails from ${product}.</p>${postButton(`${UNSUBSCRIBE_PATH}${url.search}`, 'Unsubscribe', { confirm: 'page' })}`,
  );
}

export function HEAD(req: Request): Promise<Response> {
  return headOf(GET(req));
}

/** The button sends `confirm=page` and gets a page back; RFC 8058 clients send `List-Unsubscribe=One-Click` and get JSON. */
export async function POST(req: Request): Promise<Response> {
  const params = new URL(req.url).searchParams;
  const fromPage = (await readForm(req)).get('confirm') === 'page';
  try {
    const leadId = verifyUnsubscribe(params);
    if (!leadId) return fromPage ? page(400, 'Link not valid', `<p>${escapeHtml(INVALID)}</p>`) : Response.json({ error: INVALID, field: 's' }, { status: 400 });
    const result = await unsubscribeLead(getDb(), leadId, fromPage ? 'link' : 'one_click');
    await deliverNow(result.outboxIds);
    if (!result.found) {
      return fromPage
        ? page(404, 'Nothing to unsubscribe', '<p>We have no subscriber for this link any more, so you will not get further emails from us.</p>')
        : Response.json({ error: 'no lead matches this link', field: 'l' }, { status: 404 });
    }
    if (!fromPage) return Response.json({ unsubscribed: true, lead_id: leadId });
    const product = escapeHtml(env().PRODUCT_NAME);
    return page(200, 'You are unsubscribed', `<p>${escapeHtml(result.email ?? 'Your address')} will get no more marketing emails from ${product}.</p>`);
  } catch (err) {
    log('unsubscribe').error({ err, via: fromPage ? 'link' : 'one_click' }, 'unsubscribe failed');
    // 5xx so the mail client retries the one-click request.
    return fromPage ? page(500, 'Please try again', '<p>We could not record your unsubscribe just now. Try again in a minute.</p>') : Response.json({ error: 'internal error' }, { status: 500 });
  }
}
