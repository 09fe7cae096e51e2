/** Shared e2e helpers: the API key the test stack seeded and a lead captured through the real API. */
import { expect, type APIRequestContext } from '@playwright/test';

export const API_KEY = process.env.LEADFLOW_TEST_API_KEY ?? process.env.LEADFLOW_DEV_API_KEY ?? 'lf_dev_0000000000000000000000000000';
export const auth = { authorization: `Bearer ${API_KEY}` };

export async function captureLead(request: APIRequestContext, tag: string, extra: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  const email = `${tag}-${Math.random().toString(36).slice(2, 10)}@e2e.leadflow.test`;
  const res = await request.post('/api/leads', { headers: auth, data: { email, source: 'web_form', first_name: 'Mai', company: 'Acme', ...extra } });
  if (res.status() !== 201) throw new Error(`capture failed: ${res.status()} ${await res.text()}`);
  return { id: ((await res.json()) as { id: string }).id, email };
}

export async function postEvent(request: APIRequestContext, leadId: string, type: string, eventId = `${leadId}-${type}-${Math.random().toString(36).slice(2)}`) {
  const res = await request.post('/api/events', { headers: auth, data: { event_id: eventId, lead_id: leadId, type } });
  if (res.status() !== 202) throw new Error(`event failed: ${res.status()} ${await res.text()}`);
  // A 202 means stored; scoring and journeys follow in the background, so wait until the lead's history shows it.
  await expect
    .poll(async () => {
      const lead = await request.get(`/api/leads/${leadId}`, { headers: auth });
      return lead.ok() && ((await lead.json()) as { events: { event_id: string }[] }).events.some((e) => e.event_id === eventId);
    }, { message: `event ${eventId} applied`, timeout: 30_000 })
    .toBe(true);
}
