/** The OpenAPI document: served and valid OpenAPI 3.1; the reference page; the documented refusals. */
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { handoffs } from '@/db/schema';
import { api, APP, testDb, uniqueEmail } from './support';
import { recordApiCall } from './record-api-calls';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

async function served(): Promise<Doc> {
  const res = await fetch(`${APP}/api/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as Doc;
}

it('GET /api/openapi.json is a valid OpenAPI 3.1 document for leads, events, hand-off, acknowledge, health and the public form endpoint', async () => {
  const doc = await served();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths).sort()).toEqual(['/api/events', '/api/forms/confirm', '/api/forms/{id}/submit', '/api/handoff', '/api/handoff/{id}/ack', '/api/health', '/api/leads', '/api/leads/{id}']);
  // validate() dereferences and checks against the OpenAPI 3.1 schema; it throws naming the first problem.
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  // The request body is the route's own zod schema: its constraints show up.
  const capture = JSON.stringify(doc.paths['/api/leads']!.post);
  expect(capture).toContain('"email"');
  expect(capture).toContain('"maxLength":320');
});

it('GET /api/health answers 503 naming the part that is down (the worker: nobody polls this task queue)', async () => {
  // In-process, against the same database and Temporal, with a task queue no worker polls.
  process.env.TEMPORAL_TASK_QUEUE = `nobody-polls-${crypto.randomUUID()}`;
  const { GET } = await import('@/app/api/health/route');
  const res = await GET();
  expect(res.status).toBe(503);
  expect(await res.json()).toMatchObject({ status: 'degraded', database: 'up', temporal: 'up', worker: 'down' });
  recordApiCall('GET', '/api/health', res.status);
});

it('the reference page renders the document (served HTML with a local script, no CDN)', async () => {
  const res = await fetch(`${APP}/api/reference`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('/api/openapi.json');
  expect(html).not.toContain('cdn.jsdelivr.net');
  const script = await fetch(`${APP}/api/reference/standalone.js`);
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toContain('javascript');
});

it('each operation refuses bad requests as documented: 401 without a key, 404 naming the unknown id, 400 naming the field', async () => {
  const unknown = crypto.randomUUID();
  expect((await api(`/api/leads/${unknown}`, { key: null })).status).toBe(401);
  const lead = await api(`/api/leads/${unknown}`);
  expect([lead.status, lead.json.field]).toEqual([404, 'id']);

  expect((await api('/api/events', { body: { event_id: 'e', lead_id: unknown, type: 'visit_pricing' }, key: null })).status).toBe(401);
  expect((await api('/api/handoff', { body: { lead_id: unknown, reason: 'x' }, key: null })).status).toBe(401);
  const badHandoff = await api('/api/handoff', { body: { lead_id: unknown, reason: '' } });
  expect([badHandoff.status, badHandoff.json.field]).toEqual([400, 'reason']);

  expect((await api(`/api/handoff/${unknown}/ack`, { method: 'POST', key: null })).status).toBe(401);
  const ack = await api(`/api/handoff/${unknown}/ack`, { method: 'POST' });
  expect([ack.status, ack.json.field]).toEqual([404, 'id']);
  expect((await api(`/api/handoff/${unknown}/ack`, { key: null })).status).toBe(401);
  expect((await api(`/api/handoff/${unknown}/ack?token=not-the-token`, { key: null })).status).toBe(404);
});

it('the notification link opens a page (200) whose button acknowledges with a 303 to the lead page; an oversized event body is a 413', async () => {
  const lead = await api('/api/leads', { body: { email: uniqueEmail('openapi'), source: 'api' } });
  const handoff = await api('/api/handoff', { body: { lead_id: lead.json.id, sales_owner: 'john.doe', reason: 'asked for a call' } });
  expect(handoff.status).toBe(201);
  const { db, sql } = testDb();
  try {
    const [row] = await db.select({ token: handoffs.ackToken }).from(handoffs).where(eq(handoffs.id, handoff.json.handoff_id as string));
    const link = `/api/handoff/${handoff.json.handoff_id}/ack?token=${encodeURIComponent(row!.token)}`;
    expect((await api(link, { key: null })).status).toBe(200); // the page; opening it changes nothing
    const clicked = await api(`/api/handoff/${handoff.json.handoff_id}/ack`, { key: null, raw: new URLSearchParams({ token: row!.token }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(clicked.status).toBe(303);
    expect(clicked.headers.get('location')).toContain(`/leads/${lead.json.id}`);
  } finally {
    await sql.end();
  }
  const big = await api('/api/events', { raw: JSON.stringify({ event_id: 'big', lead_id: lead.json.id, type: 'visit_pricing', properties: { blob: 'x'.repeat(1_100_000) } }) });
  expect([big.status, big.json.error]).toEqual([413, expect.stringContaining('exceeds')]);
});
