/** Sign-in links, password resets and invitations are in the Outbox as 'account' mail without their secret link; the sink and the recipient get the real one; marketing statistics and the sending limit ignore them. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { leads, messages } from '@/db/schema';
import { REMOVED_LINK } from '@/lib/email/team-mail';
import { freePort } from '@/scripts/lib/ports';
import { startMailSink, type MailSink } from '@/scripts/mail-sink/server';
import { withClientAddress } from '@/lib/api/client-address';
import { authFor } from '@/server/auth';
import { bounceRate } from '@/server/services/bounce-rate';
import { createTeamUser } from '@/server/services/users';
import { callerAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { capOpensAt } from '@/worker/activities/message-rows';

let tdb: TestDatabase;
let db: Db;
let sink: MailSink;
const APP = 'http://localhost:3000';
// Every address in this file is on one domain, which the dashboard's domain scope narrows to.
const domain = `acct-${randomUUID().slice(0, 8)}.test`;

beforeAll(async () => {
  sink = await startMailSink({ port: await freePort(), host: '127.0.0.1', webhookSecret: 'whsec_dGVzdA==' });
  process.env.RESEND_BASE_URL = sink.url;
  // Its own database, so the whole-outbox bounce rate sees only this file's mail.
  tdb = await startTestDatabase({ isolated: true });
  db = tdb.db;
  process.env.DATABASE_URL = tdb.url;
});
afterAll(async () => {
  await sink.close();
  await tdb.stop();
});

const authPost = (path: string, body: unknown, ip: string) =>
  authFor(db).handler(withClientAddress(new Request(`${APP}/api/auth${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: APP, 'x-forwarded-for': ip }, body: JSON.stringify(body) }), 1));
const sinkMail = (to: string) => sink.messages().filter((m) => m.to.includes(to)).at(-1);
const linkIn = (html: string | null | undefined, pattern: RegExp) => pattern.exec((html ?? '').replace(/&amp;/g, '&'))?.[0];

/** The Outbox row for the address and the message as the Outbox shows it; the secret must appear in neither. */
async function outboxCopy(to: string, secret: string) {
  const admin = callerAs(db);
  const { items } = await admin.emails.outbox({ q: to });
  expect(items).toHaveLength(1);
  const shown = await admin.emails.message({ id: items[0]!.id });
  expect(JSON.stringify(items)).not.toContain(secret);
  expect(JSON.stringify(shown)).not.toContain(secret);
  expect(shown.body.source).toBe('link-removed');
  expect(shown.body.text).toContain(REMOVED_LINK);
  return { item: items[0]!, shown };
}

it('a magic-link mail is in the Outbox as account mail without its token; the sink has the real link', async () => {
  const user = await createTeamUser(db, { email: `lan-${randomUUID().slice(0, 6)}@${domain}`, name: 'Nguyễn Thị Lan', role: 'marketer' });
  expect((await authPost('/sign-in/magic-link', { email: user.email, callbackURL: '/dashboard' }, '198.51.100.120')).status).toBe(200);
  const link = linkIn(sinkMail(user.email)?.html, /http[^"\s<]+magic-link\/verify\?token=[^"\s<&]+/);
  const token = new URL(link!).searchParams.get('token')!;
  expect(token.length).toBeGreaterThan(10);

  const { item, shown } = await outboxCopy(user.email, token);
  expect(item).toMatchObject({ template: 'sign-in-link', status: 'sent', subject: expect.stringMatching(/^Sign in to /) });
  expect(shown.message).toMatchObject({ kind: 'account', leadId: null });
  expect(shown.body.html).toContain('Sign in');
});

it('password-reset and invitation mails are in the Outbox without their links too', async () => {
  const rep = await createTeamUser(db, { email: `reset-${randomUUID().slice(0, 6)}@${domain}`, name: 'Reset Rep', role: 'sales', password: 'the old password' });
  expect((await authPost('/request-password-reset', { email: rep.email, redirectTo: '/reset-password' }, '198.51.100.121')).status).toBe(200);
  const reset = linkIn(sinkMail(rep.email)?.html, /http[^"\s<]+\/reset-password\/[^"\s<?]+/)!;
  expect((await outboxCopy(rep.email, reset.split('/').pop()!)).item.template).toBe('password-reset');

  const invitee = `invitee-${randomUUID().slice(0, 6)}@${domain}`;
  await callerAs(db).users.invite({ email: invitee, role: 'ops' });
  const invite = linkIn(sinkMail(invitee)?.html, /\/invite\/[A-Za-z0-9_-]+/)!;
  expect((await outboxCopy(invitee, invite.split('/').pop()!)).item.template).toBe('invitation');
});

it('account mail counts in no marketing statistic (sent, bounce rate) and not against a lead’s sending limit', async () => {
  const email = `also-a-lead-${randomUUID().slice(0, 6)}@${domain}`;
  await createTeamUser(db, { email, name: 'Both', role: 'ops' });
  const [lead] = await db.insert(leads).values({ email, firstName: 'Both' }).returning();
  expect((await authPost('/sign-in/magic-link', { email, callbackURL: '/dashboard' }, '198.51.100.122')).status).toBe(200);
  // Even a bounced sign-in mail (a teammate's typo) must not trip the marketing bounce alert.
  await db.update(messages).set({ status: 'bounced' }).where(eq(messages.toEmail, email));

  const summary = await callerAs(db).dashboard.summary({ domain });
  expect(summary.emails.totals.sent).toBe(0);
  expect(summary.bounce).toMatchObject({ sent: 0, bounced: 0, alert: false });
  expect(await capOpensAt(db, lead!.id, 1, new Date())).toBeNull();
  // The Emails page's alert reads the whole outbox: this file's database has only account mail, one of it bounced.
  expect(await bounceRate(db, { sinceDays: 7 })).toMatchObject({ sent: 0, bounced: 0, alert: false });
  expect(await db.select({ kind: messages.kind, status: messages.status }).from(messages).where(eq(messages.toEmail, email))).toEqual([{ kind: 'account', status: 'bounced' }]);
});
