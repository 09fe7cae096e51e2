/**
 * F4: Resend webhooks for real sent messages arrive duplicated (Svix retries, some at the same moment), reordered
 * (opened before delivered), delayed (sent after everything else) and forged (wrong secret, no signature, stale or
 * future timestamp, a real signature over a changed body). Each message's status only moves forward, each delivery
 * is applied once, opens and clicks count once, and nothing forged is accepted or changes anything.
 */
import { randomBytes } from 'node:crypto';
import { inArray, like, sql } from 'drizzle-orm';
import { leadEvents, leads, messages, suppressions, webhookDeliveries } from '@/db/schema';
import { env } from '@/lib/env';
import { svixHeaders } from '@/lib/webhooks/standard';
import { buildPayload, type SinkEventType, type SinkMessage, type WebhookPayload } from '../mail-sink/webhooks';
import { runPool } from '../bench/http';
import { chaosApp } from './app';
import type { ChaosContext } from './context';
import type { Row } from './table';

const LEADS = Number(process.env.CHAOS_F4_LEADS ?? 100);
const CONCURRENCY = 16;
/** Independent of the product's own ranking: the order a person's mail moves through. */
const RANK: Record<string, number> = { sent: 1, delivered: 2, opened: 3, clicked: 4 };
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const MINUTE = 60_000;

interface Legit {
  svixId: string;
  body: string;
  /** Signature time offset: a delayed delivery is still signed when it is (re)sent, as Svix does. */
  signedAgoMs: number;
}

interface Plan {
  messageId: string;
  leadId: string;
  /** The worker's own entries (queued, sent) before any webhook. */
  historyBefore: number;
  email: string;
  sent: Legit;
  delivered: Legit;
  open1: Legit;
  open2: Legit;
  click: Legit;
}

type ForgeKind = 'wrong secret' | 'no signature' | 'no headers' | 'stale timestamp' | 'future timestamp' | 'changed body';
const FORGES: ForgeKind[] = ['wrong secret', 'no signature', 'no headers', 'stale timestamp', 'future timestamp', 'changed body'];

export async function f4Webhooks(ctx: ChaosContext): Promise<Row> {
  const app = await chaosApp(ctx.stack);
  const hook = `${app.url}/api/webhooks/resend`;
  const secret = env().RESEND_WEBHOOK_SECRET;
  const tag = `f4${Date.now().toString(36)}`;
  // Every webhook in this scenario is one we choose: the sink's own "delivered" would be a sixth, unplanned one.
  await sinkConfig(ctx.sink, { autoDeliver: false });
  const started = Date.now();
  try {
    const leadIds = await ctx.captureMany(LEADS, 'f4');
    const emails = await ctx.measureEmails(leadIds, started);
    const plans = await planMessages(ctx, leadIds, tag);
    const scoresBefore = await scores(ctx, leadIds);
    const problems: string[] = [];
    const legitStatus = new Map<number, number>();
    const forged = new Map<ForgeKind, { accepted: number; refused: number; other: number }>(FORGES.map((k) => [k, { accepted: 0, refused: 0, other: 0 }]));

    const post = async (body: string, headers: Record<string, string>) => {
      const res = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      return res.status;
    };
    /** Posts one legitimate delivery `copies` times at once, each freshly signed with the same svix-id, as concurrent Svix retries would. */
    const deliver = async (d: Legit, copies: number) => {
      const statuses = await Promise.all(Array.from({ length: copies }, () => post(d.body, svixHeaders(secret, d.svixId, d.body, new Date(Date.now() - d.signedAgoMs)))));
      for (const s of statuses) legitStatus.set(s, (legitStatus.get(s) ?? 0) + 1);
    };
    const forge = async (p: Plan, kind: ForgeKind, i: number) => {
      // What a forger wants: bounce or complain the address (suppressing it), or jump the status.
      const type: SinkEventType = (['email.bounced', 'email.complained', 'email.clicked'] as const)[i % 3]!;
      const body = forgedBody(p, type);
      const id = `msg_forged_${randomBytes(8).toString('hex')}`;
      const signed = (s: string, at: Date) => svixHeaders(s, id, body, at);
      let status: number;
      if (kind === 'wrong secret') status = await post(body, signed(`whsec_${randomBytes(24).toString('base64')}`, new Date()));
      else if (kind === 'no signature') status = await post(body, { 'svix-id': id, 'svix-timestamp': String(Math.floor(Date.now() / 1000)) });
      else if (kind === 'no headers') status = await post(body, {});
      else if (kind === 'stale timestamp') status = await post(body, signed(secret, new Date(Date.now() - 10 * MINUTE)));
      else if (kind === 'future timestamp') status = await post(body, signed(secret, new Date(Date.now() + 10 * MINUTE)));
      // A captured real delivery, replayed with its valid headers over a body that now says "complained".
      else status = await post(p.delivered.body.replace('"email.delivered"', '"email.complained"'), svixHeaders(secret, p.delivered.svixId, p.delivered.body));
      const count = forged.get(kind)!;
      if (status >= 200 && status < 300) count.accepted++;
      else if (status >= 400 && status < 500) count.refused++;
      else count.other++;
    };
    const copies = (i: number, salt: number) => 1 + ((i * 7 + salt) % 3);
    const forgeRound = (p: Plan, i: number, round: number) => Promise.all(FORGES.filter((_, k) => (k + i + round) % 3 === 0).map((kind, k) => forge(p, kind, i + k)));

    // Round 1, reordered and duplicated: "delivered" for every message; odd ones were opened before delivered arrived.
    await runPool(plans.length, CONCURRENCY, 10 * MINUTE, async (i) => {
      const p = plans[i]!;
      const order = i % 2 ? [p.open1, p.delivered] : [p.delivered];
      await Promise.all([...order.map((d, k) => deliver(d, copies(i, k))), forgeRound(p, i, 1)]);
    });
    const afterRound1 = await statuses(ctx, plans);

    // Round 2, delayed: "sent", the first thing that happened, arrives last (signed four minutes ago, inside the window).
    await runPool(plans.length, CONCURRENCY, 10 * MINUTE, async (i) => {
      const p = plans[i]!;
      await Promise.all([deliver(p.sent, copies(i, 2)), forgeRound(p, i, 2)]);
    });
    const afterRound2 = await statuses(ctx, plans);

    // Round 3: the rest shuffled, duplicated, plus late retries of round 1's deliveries.
    await runPool(plans.length, CONCURRENCY, 10 * MINUTE, async (i) => {
      const p = plans[i]!;
      const rest = [p.click, p.open2, ...(i % 2 ? [] : [p.open1]), p.delivered];
      const shuffled = rest.map((d, k) => ({ d, key: (i * 31 + k * 17) % 7 })).sort((a, b) => a.key - b.key).map((x) => x.d);
      await Promise.all([...shuffled.map((d, k) => deliver(d, copies(i, k + 3))), forgeRound(p, i, 3)]);
    });
    const final = await statuses(ctx, plans);

    // Status never moves backwards, and ends where the latest real event puts it.
    let backwards = 0;
    let wrongFinal = 0;
    plans.forEach((p, i) => {
      const r1 = RANK[afterRound1.get(p.messageId) ?? ''] ?? 0;
      const r2 = RANK[afterRound2.get(p.messageId) ?? ''] ?? 0;
      const r3 = RANK[final.get(p.messageId) ?? ''] ?? 0;
      if (r2 < r1 || r3 < r2) backwards++;
      if (r1 !== (i % 2 ? RANK.opened : RANK.delivered) || r2 !== r1 || final.get(p.messageId) !== 'clicked') wrongFinal++;
    });
    if (backwards) problems.push(`${backwards} messages' status moved backwards (e.g. delivered → sent)`);
    if (wrongFinal) problems.push(`${wrongFinal} messages' status is not what their latest real event says (delivered/opened after round 1, unchanged by the late "sent", clicked at the end)`);

    const counts = await applied(ctx, plans, tag, scoresBefore);
    const expected = plans.length * 5;
    const forgedAccepted = [...forged.values()].reduce((n, c) => n + c.accepted, 0);
    const forgedOther = [...forged.values()].reduce((n, c) => n + c.other, 0);
    const legitRefused = [...legitStatus].filter(([s]) => s < 200 || s >= 300).reduce((n, [, c]) => n + c, 0);
    if (legitRefused) problems.push(`${legitRefused} legitimate deliveries were not answered 2xx (${[...legitStatus].map(([s, c]) => `${s}×${c}`).join(', ')})`);
    if (forgedOther) problems.push(`${forgedOther} forged deliveries got neither 2xx nor 4xx`);
    if (counts.applied < expected) problems.push(`${expected - counts.applied} legitimate deliveries were never applied`);
    if (counts.forgedEffects.length) problems.push(`forged deliveries changed data: ${counts.forgedEffects.join('; ')}`);
    if (counts.wrongScores) problems.push(`${counts.wrongScores} leads' scores did not rise by exactly 15 (first open 5, one click 10)`);
    if (counts.historyEntries < counts.applied) problems.push(`${counts.applied - counts.historyEntries} applied deliveries left no status-history entry`);

    const posted = [...legitStatus.values()].reduce((a, b) => a + b, 0);
    const forgedPosted = [...forged.values()].reduce((n, c) => n + c.accepted + c.refused + c.other, 0);
    return {
      scenario: `F4 webhooks duplicated/reordered/delayed/forged (${plans.length} messages)`,
      emails,
      webhooks: { expected, applied: counts.applied, duplicated: counts.duplicated, forgedAccepted },
      seconds: Math.round((Date.now() - started) / 1000),
      details: [
        `${posted} legitimate posts for ${expected} deliveries (1–3 concurrent copies each, reordered, "sent" delayed); statuses ${[...legitStatus].map(([s, c]) => `${s}×${c}`).join(', ')}`,
        `forged ${forgedPosted}, refused 4xx: ${[...forged].map(([k, c]) => `${k} ${c.refused}/${c.accepted + c.refused + c.other}`).join(', ')}`,
        `per message: ${counts.opens} open events and ${counts.clicks} click events for ${plans.length} messages, ${counts.historyEntries} status-history entries for ${expected} deliveries`,
      ],
      problems,
    };
  } finally {
    await sinkConfig(ctx.sink, { autoDeliver: true });
  }
}

async function sinkConfig(sink: string, body: { autoDeliver: boolean }): Promise<void> {
  const res = await fetch(`${sink}/_sink/config`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`mail sink /_sink/config → ${res.status}`);
}

/** One plan per sent message: five real deliveries, each with its own svix-id, built the way Resend shapes them. */
async function planMessages(ctx: ChaosContext, leadIds: string[], tag: string): Promise<Plan[]> {
  const rows = (await ctx.db.select().from(messages).where(inArray(messages.leadId, leadIds))).filter((m) => m.kind === 'marketing' && m.providerId);
  const sink = (await (await fetch(`${ctx.sink}/_sink/messages`)).json()) as { data: SinkMessage[] };
  const byProvider = new Map(sink.data.map((m) => [m.id, m]));
  const plans: Plan[] = [];
  for (const row of rows) {
    const msg = byProvider.get(row.providerId!);
    if (!msg) continue;
    const t0 = new Date(msg.created_at).getTime();
    const legit = (type: SinkEventType, n: string, atMs: number, signedAgoMs = 0): Legit => {
      const payload: WebhookPayload = buildPayload(msg, type, { now: new Date(atMs) });
      if (payload.data.click) payload.data.click.userAgent = BROWSER; // a person's click, not the sink's or a scanner's
      return { svixId: `msg_${tag}_${row.id.replace(/-/g, '')}_${n}`, body: JSON.stringify(payload), signedAgoMs };
    };
    plans.push({
      messageId: row.id,
      leadId: row.leadId!,
      historyBefore: row.statusHistory.length,
      email: row.toEmail,
      sent: legit('email.sent', 'sent', t0, 4 * MINUTE),
      delivered: legit('email.delivered', 'delivered', t0 + 1_000),
      open1: legit('email.opened', 'open1', t0 + 5_000),
      open2: legit('email.opened', 'open2', t0 + 9_000),
      click: legit('email.clicked', 'click', t0 + 12_000),
    });
  }
  if (plans.length < leadIds.length) throw new Error(`only ${plans.length} of ${leadIds.length} leads have a sent message the sink holds`);
  return plans;
}

function forgedBody(p: Plan, type: SinkEventType): string {
  const payload = JSON.parse(p.delivered.body) as WebhookPayload;
  payload.type = type;
  if (type === 'email.bounced') payload.data.bounce = { message: 'forged', subType: 'General', type: 'Permanent' };
  if (type === 'email.clicked') payload.data.click = { ipAddress: '203.0.113.9', link: 'https://forged.example/', timestamp: new Date().toISOString(), userAgent: BROWSER };
  return JSON.stringify(payload);
}

async function statuses(ctx: ChaosContext, plans: Plan[]): Promise<Map<string, string>> {
  const rows = await ctx.db.select({ id: messages.id, status: messages.status }).from(messages).where(inArray(messages.id, plans.map((p) => p.messageId)));
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** What the product recorded: deliveries applied, status history, lead events (as scoring and the timeline count them), and anything a forgery left. */
async function scores(ctx: ChaosContext, leadIds: string[]): Promise<Map<string, number>> {
  const rows = await ctx.db.select({ id: leads.id, score: leads.score }).from(leads).where(inArray(leads.id, leadIds));
  return new Map(rows.map((r) => [r.id, r.score]));
}

async function applied(ctx: ChaosContext, plans: Plan[], tag: string, scoresBefore: Map<string, number>) {
  const ids = plans.map((p) => p.messageId);
  const leadIds = plans.map((p) => p.leadId);
  const msgs = await ctx.db.select({ id: messages.id, history: messages.statusHistory }).from(messages).where(inArray(messages.id, ids));
  const [recorded] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(like(webhookDeliveries.id, `msg_${tag}_%`));
  const events = await ctx.db.select({ leadId: leadEvents.leadId, type: leadEvents.type, props: leadEvents.properties }).from(leadEvents).where(inArray(leadEvents.leadId, leadIds));
  const fromWebhook = events.filter((e) => e.props?.source === 'resend_webhook');
  const opens = fromWebhook.filter((e) => e.type === 'email_open').length;
  const clicks = fromWebhook.filter((e) => e.type === 'email_click').length;
  const before = new Map(plans.map((p) => [p.messageId, p.historyBefore]));
  const added = (m: (typeof msgs)[number]) => m.history.length - (before.get(m.id) ?? 0);
  const historyEntries = msgs.reduce((n, m) => n + added(m), 0);
  // Each message has five deliveries: more new history entries, or more than one open and one click event, is a duplicate.
  const duplicated = msgs.reduce((n, m) => n + Math.max(0, added(m) - 5), 0) + Math.max(0, opens - plans.length) + Math.max(0, clicks - plans.length);
  const forgedEffects: string[] = [];
  const forgedStatuses = msgs.filter((m) => m.history.some((h) => h.status === 'bounced' || h.status === 'complained' || h.detail === 'https://forged.example/')).length;
  if (forgedStatuses) forgedEffects.push(`${forgedStatuses} messages show a forged bounce, complaint or click`);
  const suppressed = await ctx.db.select({ email: suppressions.email }).from(suppressions).where(inArray(suppressions.email, plans.map((p) => p.email.toLowerCase())));
  if (suppressed.length) forgedEffects.push(`${suppressed.length} addresses suppressed`);
  const complaints = fromWebhook.filter((e) => e.type === 'spam_complaint').length;
  if (complaints) forgedEffects.push(`${complaints} spam complaints recorded`);
  const [forgedIds] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(like(webhookDeliveries.id, 'msg_forged_%'));
  if (forgedIds?.n) forgedEffects.push(`${forgedIds.n} forged deliveries recorded as applied`);
  const after = await scores(ctx, leadIds);
  const wrongScores = leadIds.filter((id) => (after.get(id) ?? 0) - (scoresBefore.get(id) ?? 0) !== 15).length;
  return { applied: recorded?.n ?? 0, historyEntries, duplicated, opens, clicks, forgedEffects, wrongScores };
}
