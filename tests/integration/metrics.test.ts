/** GET /api/metrics after real traffic: every named metric is there, non-zero where this test made traffic; the dashboard names only exported metrics. */
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { handoffs } from '@/db/schema';
import { APP, api, eventually, testDb, uniqueEmail } from './support';

const TOKEN = process.env.METRICS_TOKEN ?? '';
const WORKER_METRICS = process.env.LEADFLOW_TEST_WORKER_METRICS ?? '';
const { db, sql } = testDb();
afterAll(() => sql.end());

async function scrape(url: string, token?: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** Sample lines `name{labels} value` → value, for the sample whose labels contain `match`. */
function value(text: string, name: string, match = ''): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !(line.startsWith(`${name}{`) || line.startsWith(`${name} `))) continue;
    if (match && !line.includes(match)) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** Sum of the samples of `name` whose labels match `labels`. */
function sum(text: string, name: string, labels: RegExp): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && labels.test(l))
    .reduce((acc, l) => acc + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

const sampleNames = (text: string) => new Set(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)![0]));

describe('/api/metrics', () => {
  it('refuses a scrape without the bearer token, naming the header', async () => {
    const res = await scrape(`${APP}/api/metrics`);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ field: 'authorization' });
    expect((await scrape(`${APP}/api/metrics`, 'not-the-metrics-token-at-all')).status).toBe(401);
  });

  it('shows captures, events, scoring, emails, hand-offs with latency, outbox and runs after a lead goes hot and is acknowledged', async () => {
    const source = `metrics_${crypto.randomUUID().slice(0, 6)}`;
    const lead = await api('/api/leads', { body: { email: uniqueEmail('metrics'), source, first_name: 'Hoa' } });
    expect(lead.status).toBe(201);
    const leadId = lead.json.id as string;
    const events = ['schedule_demo', 'download_whitepaper', 'visit_pricing'].map((type) => ({ event_id: `${leadId}-${type}`, lead_id: leadId, type }));
    expect((await api('/api/events', { body: { events } })).status).toBe(202);
    const handoff = await eventually(async () => {
      const [h] = await db.select().from(handoffs).where(eq(handoffs.leadId, leadId));
      return h?.notifiedAt ? h : null;
    }, 60_000, 'the hot lead’s owner to be notified');
    expect((await api(`/api/handoff/${handoff.id}/ack`, { method: 'POST' })).status).toBe(200);

    const res = await scrape(`${APP}/api/metrics`, TOKEN);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    const t = res.text;
    expect(value(t, 'leadflow_leads_captured_total', `source="${source}"`)).toBe(1);
    expect(value(t, 'leadflow_events_total', 'type="schedule_demo"')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_score_changes_total')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_lead_score_rate')).toBeGreaterThan(0);
    // Sent by the worker, seen by Next; the mail sink's webhooks may already have moved them on to delivered or opened.
    expect(sum(t, 'leadflow_emails_total', /outcome="(sent|delivered|opened|clicked)"/)).toBeGreaterThan(0);
    expect(value(t, 'leadflow_email_success_rate')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_handoffs_created_total')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_handoffs_notified_total')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_handoffs_acknowledged_total')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_handoff_latency_seconds_count', 'stage="notified"')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_handoff_latency_seconds_count', 'stage="acknowledged"')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_handoff_latency_seconds_bucket', 'stage="notified",le="+Inf"')).toBeGreaterThan(0);
    expect(value(t, 'leadflow_journey_runs', 'status="running"')).toBeGreaterThan(0);
    // Present even where this run made none: breaches, dead letters, failed runs, the outbox.
    for (const name of ['leadflow_handoff_sla_breaches_total', 'leadflow_outbox_pending', 'leadflow_outbox_lag_seconds', 'leadflow_outbox_dead_letters', 'leadflow_failed_runs']) {
      expect(value(t, name), name).toBeGreaterThanOrEqual(0);
    }
  });

  it('a signed-in admin reads the metrics without the token (ops/admin roles only)', async () => {
    const email = process.env.LEADFLOW_TEST_ADMIN_EMAIL;
    const password = process.env.LEADFLOW_TEST_ADMIN_PASSWORD;
    if (!email || !password) throw new Error('LEADFLOW_TEST_ADMIN_EMAIL/PASSWORD missing: run through npm test');
    const signIn = await fetch(`${APP}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(APP).origin }, body: JSON.stringify({ email, password }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${APP}/api/metrics`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE leadflow_events_total counter');
  });

  it('the worker serves the Temporal SDK’s own metrics: schedule-to-start latency and slots in use', async () => {
    const res = await scrape(WORKER_METRICS);
    expect(res.status).toBe(200);
    expect(value(res.text, 'temporal_workflow_task_schedule_to_start_latency_count')).toBeGreaterThan(0);
    expect(res.text).toMatch(/^temporal_worker_task_slots_used\{/m);
    expect(res.text).toMatch(/^temporal_worker_task_slots_available\{/m);
  });

  it('ops/grafana/leadflow.json references only metric names that Next or the worker export', async () => {
    const dashboard = JSON.parse(await readFile(new URL('../../ops/grafana/leadflow.json', import.meta.url), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const referenced = new Set(exprs.flatMap((e) => e.match(/\b(?:leadflow|temporal|process|nodejs)_[a-z0-9_]+/g) ?? []));
    expect(referenced.size).toBeGreaterThan(15);
    const exported = new Set([...sampleNames((await scrape(`${APP}/api/metrics`, TOKEN)).text), ...sampleNames((await scrape(WORKER_METRICS)).text)]);
    const missing = [...referenced].filter((name) => !exported.has(name));
    expect(missing).toEqual([]);
  });
});
