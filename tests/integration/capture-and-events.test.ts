/** Capture → event → workflow → lead page, over HTTP against real Postgres, Temporal, the worker and the mail sink. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { leadEvents, leads, scoreChanges } from '@/db/schema';
import { JOURNEY_STATE_QUERY, type JourneyStateView } from '@/lib/journey/contract';
import { api, eventually, temporalClient, testDb, uniqueEmail } from './support';

const { db, sql: pg } = testDb();
let temporal: Awaited<ReturnType<typeof temporalClient>>;

beforeAll(async () => {
  temporal = await temporalClient();
});
afterAll(async () => {
  await temporal.close();
  await pg.end();
});

async function capture(email: string, extra: Record<string, unknown> = {}) {
  return api('/api/leads', { body: { email, source: 'facebook_ads', utm_campaign: 'summer2024', first_visit: '2024-08-01T10:23:00Z', first_name: 'Lan', ...extra } });
}

async function journeyState(workflowId: string): Promise<JourneyStateView> {
  return temporal.client.workflow.getHandle(workflowId).query<JourneyStateView>(JOURNEY_STATE_QUERY);
}

describe('capture and events', () => {
  it('health reports database, Temporal and worker up', async () => {
    const res = await eventually(async () => {
      const r = await api('/api/health', { key: null });
      return r.status === 200 ? r : null;
    }, 60_000, 'healthy stack');
    expect(res.json).toMatchObject({ database: 'up', temporal: 'up', worker: 'up' });
  });

  it('a captured lead gets a workflow that receives its events, and the lead API shows it', async () => {
    const email = uniqueEmail('flow');
    const created = await capture(email);
    expect(created.status).toBe(201);
    const leadId = created.json.id as string;

    const again = await capture(email);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(leadId);
    const newSource = await capture(email, { source: 'webinar' });
    expect(newSource.json.touchpoint_created).toBe(true);

    const lead = await eventually(async () => {
      const r = await api(`/api/leads/${leadId}`);
      return r.json.journey_runs?.[0]?.status === 'running' ? r.json : null;
    }, 30_000, 'the journey run');
    expect(lead.touchpoints.map((t: { source: string }) => t.source).sort()).toEqual(['facebook_ads', 'webinar']);
    const run = lead.journey_runs[0];
    expect(run.workflow_id).toBe(`lead-${leadId}-journey-${run.journey_id}`);
    expect(run.temporal_url).toContain(encodeURIComponent(run.workflow_id));

    // An event that moves the lead to another score band (cold → warm): a parked run wakes only for those.
    const posted = await api('/api/events', { body: { event_id: `ev-${leadId}-1`, lead_id: leadId, type: 'visit_pricing' } });
    expect(posted.status).toBe(202);
    expect(posted.json).toMatchObject({ accepted: 1, duplicates: 0 });
    const state = await eventually(async () => {
      const s = await journeyState(run.workflow_id);
      return s.score === 25 ? s : null;
    }, 30_000, 'the workflow to see score 25');
    expect(state.stage).toBe('warm');

    const after = await api(`/api/leads/${leadId}`);
    expect(after.json.score).toBe(25);
    expect(after.json.events.map((e: { type: string }) => e.type)).toContain('visit_pricing');
  });

  it('a tiny JSON reply is sent as is, not gzipped; a large one still is', async () => {
    const leadId = (await capture(uniqueEmail('gzip'))).json.id as string;
    const small = await api('/api/events', { body: { event_id: `gz-${leadId}`, lead_id: leadId, type: 'email_open' }, headers: { 'accept-encoding': 'gzip' } });
    expect(small.status).toBe(202);
    expect(small.headers.get('content-encoding')).toBeNull();
    const big = await api('/api/openapi.json', { key: null, headers: { 'accept-encoding': 'gzip' } });
    expect(big.headers.get('content-encoding')).toBe('gzip');
  });

  it('an event id posted twice counts once', async () => {
    const leadId = (await capture(uniqueEmail('dup'))).json.id as string;
    const event = { event_id: `ev-${leadId}-dup`, lead_id: leadId, type: 'visit_pricing' };
    expect((await api('/api/events', { body: event })).json).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await api('/api/events', { body: { events: [event, event] } })).json).toMatchObject({ accepted: 0, duplicates: 2 });
    // Applied in the background after the 202: wait for the score, then check nothing counted twice.
    await eventually(async () => {
      const [row] = await db.select({ score: leads.score }).from(leads).where(eq(leads.id, leadId));
      return row!.score === 25 ? row : null;
    }, 30_000, 'the event to be applied');
    const changes = await db.select().from(scoreChanges).where(eq(scoreChanges.leadId, leadId));
    expect(changes.filter((c) => c.eventId === event.event_id)).toHaveLength(1);
  });

  it('a batch reports accepted, duplicate and per-index rejected events', async () => {
    const leadId = (await capture(uniqueEmail('batch'))).json.id as string;
    const res = await api('/api/events', {
      body: {
        events: [
          { event_id: `b-${leadId}-1`, lead_id: leadId, type: 'email_open' },
          { event_id: `b-${leadId}-2`, lead_id: leadId, type: 'no_such_type' },
          { event_id: `b-${leadId}-3`, lead_id: '00000000-0000-4000-8000-000000000000', type: 'email_open' },
          { event_id: `b-${leadId}-4`, type: 'email_open' },
          { event_id: `b-${leadId}-1`, lead_id: leadId, type: 'email_open' },
        ],
      },
    });
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(1);
    expect(res.json.duplicates).toBe(1);
    expect(res.json.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [1, 'type'],
      [2, 'lead_id'],
      [3, 'lead_id'],
    ]);
  });
});

describe('bad input gets a clear 4xx naming the field and writes nothing', () => {
  it('invalid email → 400 email', async () => {
    const res = await api('/api/leads', { body: { email: 'not-an-email', source: 'api' } });
    expect(res.status).toBe(400);
    expect(res.json.field).toBe('email');
    expect(await db.select().from(leads).where(eq(leads.email, 'not-an-email'))).toHaveLength(0);
  });

  it('unknown lead → 404 lead_id', async () => {
    const eventId = `unknown-${crypto.randomUUID()}`;
    const res = await api('/api/events', { body: { event_id: eventId, lead_id: crypto.randomUUID(), type: 'email_open' } });
    expect(res.status).toBe(404);
    expect(res.json.field).toBe('lead_id');
    expect(await db.select().from(leadEvents).where(eq(leadEvents.eventId, eventId))).toHaveLength(0);
  });

  it('malformed JSON → 400 body', async () => {
    const res = await api('/api/leads', { raw: '{"email": "x@y.z",' });
    expect(res.status).toBe(400);
    expect(res.json.field).toBe('body');
  });

  it('missing or wrong API key → 401', async () => {
    const email = uniqueEmail('nokey');
    expect((await api('/api/leads', { body: { email }, key: null })).status).toBe(401);
    expect((await api('/api/leads', { body: { email }, key: 'lf_wrong_key_000000000000' })).status).toBe(401);
    expect(await db.select().from(leads).where(eq(leads.email, email))).toHaveLength(0);
  });

  it('a batch of 1,001 → 400 events, nothing stored', async () => {
    const leadId = (await capture(uniqueEmail('big'))).json.id as string;
    const ids = Array.from({ length: 1001 }, (_, i) => `big-${leadId}-${i}`);
    const res = await api('/api/events', { body: { events: ids.map((event_id) => ({ event_id, lead_id: leadId, type: 'email_open' })) } });
    expect(res.status).toBe(400);
    expect(res.json.field).toBe('events');
    expect(await db.select().from(leadEvents).where(inArray(leadEvents.eventId, ids.slice(0, 50)))).toHaveLength(0);
  });

  it('an oversized body → 413', async () => {
    const res = await api('/api/leads', { raw: JSON.stringify({ email: uniqueEmail('huge'), properties: { blob: 'x'.repeat(1_100_000) } }) });
    expect(res.status).toBe(413);
  });

  it('a bad optional field names itself', async () => {
    const res = await api('/api/leads', { body: { email: uniqueEmail('date'), first_visit: 'yesterday' } });
    expect(res.status).toBe(400);
    expect(res.json.field).toBe('first_visit');
    expect((await pg`select 1`).length).toBe(1);
    expect((await db.execute(sql`select count(*)::int as n from leads where email like 'date-%@it.leadflow.test'`))[0]).toMatchObject({ n: 0 });
  });
});
