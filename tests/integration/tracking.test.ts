/** Tracking over HTTP: the tracked CTA redirects and scores once (with Resend's webhook too), the open pixel, and unsubscribe. */
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { journeyRuns, journeySteps, leadEvents, leads, suppressions } from '@/db/schema';
import { api, APP, eventually, MAIL_SINK, sinkMessages, testDb, uniqueEmail } from './support';

const { db, sql: pg } = testDb();
afterAll(async () => {
  await pg.end();
});

type SinkMessage = { id: string; to: string[] | string; subject: string; html?: string };
const recipients = (m: SinkMessage) => (Array.isArray(m.to) ? m.to : [m.to]).join(',');
const hrefs = (html: string, pattern: RegExp) => [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((u) => pattern.test(u));
const local = (url: string) => new URL(url).pathname + new URL(url).search;

async function mailTo(email: string): Promise<SinkMessage[]> {
  return eventually(async () => {
    const mine = ((await sinkMessages()) as SinkMessage[]).filter((m) => recipients(m).includes(email));
    return mine.length ? mine : null;
  }, 30_000, `email to ${email}`);
}

async function score(leadId: string, expected: number): Promise<number> {
  return eventually(async () => {
    const res = await api(`/api/leads/${leadId}`);
    return res.json?.score === expected ? expected : null;
  }, 20_000, `score ${expected}`);
}

async function count(leadId: string, type: string): Promise<number> {
  return (await db.select().from(leadEvents).where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.type, type)))).length;
}

async function sinkEvent(sinkId: string, body: Record<string, unknown>) {
  const res = await fetch(`${MAIL_SINK}/_sink/messages/${sinkId}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { delivered?: boolean; status?: number };
  expect(json).toMatchObject({ delivered: true, status: 200 });
}

describe('email tracking', () => {
  it('a tracked click redirects, scores +10 once even when Resend reports it too; the pixel scores +5 once; unsubscribe stops mail', async () => {
    const email = uniqueEmail('track');
    const captured = await api('/api/leads', { body: { email, source: 'web_form', first_name: 'Lan' } });
    expect(captured.status).toBe(201);
    const leadId = captured.json.id as string;
    const [message] = await mailTo(email);
    const html = message!.html!;

    // The CTA goes through the click tracker to its real target.
    const tracked = hrefs(html, /\/api\/t\/c\?/).find((u) => new URL(u).searchParams.get('u')?.endsWith('/how-it-works'));
    expect(tracked).toBeDefined();
    const target = new URL(tracked!).searchParams.get('u')!;
    // A link checker's HEAD and a mail scanner's GET right after delivery redirect too, but score nothing.
    const head = await fetch(`${APP}${local(tracked!)}`, { method: 'HEAD', redirect: 'manual' });
    expect([head.status, head.headers.get('location')]).toEqual([302, target]);
    const scanner = await api(local(tracked!), { key: null, headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel)' } });
    expect(scanner.status).toBe(302);
    const pixelHead = await fetch(`${APP}${local(hrefs(html, /\/api\/t\/o\?/)[0]!)}`, { method: 'HEAD' });
    expect(pixelHead.status).toBe(200);
    expect(await count(leadId, 'email_click')).toBe(0);
    expect(await count(leadId, 'email_open')).toBe(0);
    const click = await api(local(tracked!), { key: null });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe(target);
    await score(leadId, 10);

    // Resend's webhook for the same click, reported with the target or with our tracked URL, is the same event.
    await sinkEvent(message!.id, { type: 'email.clicked', link: target });
    await sinkEvent(message!.id, { type: 'email.clicked', link: tracked });
    // And the reader clicking again is the same click.
    expect((await api(local(tracked!), { key: null })).status).toBe(302);
    expect(await count(leadId, 'email_click')).toBe(1);
    expect((await api(`/api/leads/${leadId}`)).json.score).toBe(10);

    // A tampered link is refused, never redirected.
    const forged = new URL(tracked!);
    forged.searchParams.set('u', 'https://evil.example/');
    const bad = await api(local(forged.toString()), { key: null });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('location')).toBeNull();

    // The open pixel: a GIF, not cached, +5 once however often it loads or Resend reports it.
    const pixel = hrefs(html, /\/api\/t\/o\?/)[0]!;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${APP}${local(pixel)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect(res.headers.get('cache-control')).toContain('no-store');
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 6).toString('latin1')).toBe('GIF89a');
    }
    await sinkEvent(message!.id, { type: 'email.opened' });
    await score(leadId, 15);
    expect(await count(leadId, 'email_open')).toBe(1);

    // The footer link opens a page and changes nothing, on GET or HEAD (scanners fetch it); its button POSTs.
    const unsub = hrefs(html, /\/api\/unsubscribe\?/)[0]!;
    const confirmPage = await api(local(unsub), { key: null });
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain('<form method="post"');
    expect((await fetch(`${APP}${local(unsub)}`, { method: 'HEAD' })).status).toBe(200);
    expect(await count(leadId, 'unsubscribe')).toBe(0);
    expect((await db.select().from(leads).where(eq(leads.id, leadId)))[0]!.unsubscribedAt).toBeNull();
    const action = /<form method="post" action="([^"]+)"/.exec(confirmPage.text)![1]!.replaceAll('&#38;', '&');
    const page = await api(action, { key: null, raw: 'confirm=page', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('You are unsubscribed');
    // Then the mail client's one-click (RFC 8058): still unsubscribed, suppressed, −20 once.
    const oneClick = await api(local(unsub), { key: null, raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    await score(leadId, -5);
    expect(await count(leadId, 'unsubscribe')).toBe(1);
    const [row] = await db.select().from(leads).where(eq(leads.id, leadId));
    expect(row!.unsubscribedAt).not.toBeNull();
    expect(await db.select().from(suppressions).where(eq(suppressions.email, email.toLowerCase()))).toHaveLength(1);
    const forgedUnsub = new URL(unsub);
    forgedUnsub.searchParams.set('l', crypto.randomUUID());
    expect((await api(local(forgedUnsub.toString()), { key: null })).status).toBe(400);
    expect((await api(local(forgedUnsub.toString()), { key: null, raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(400);

    // schedule_demo takes the score to 25 (warm): the journey reaches Email B, which is skipped, not sent.
    expect((await api('/api/events', { body: { event_id: `${leadId}-demo`, lead_id: leadId, type: 'schedule_demo' } })).status).toBe(202);
    const [run] = await db.select().from(journeyRuns).where(eq(journeyRuns.leadId, leadId));
    const skipped = await eventually(async () => {
      const steps = await db.select().from(journeySteps).where(and(eq(journeySteps.workflowId, run!.workflowId), eq(journeySteps.nodeId, 'email-b')));
      return steps.find((s) => s.detail.status === 'skipped');
    }, 30_000, 'Email B to be skipped');
    expect(skipped.detail.reason).toBe('unsubscribed');
    expect(await mailTo(email)).toHaveLength(1);
  });
});
