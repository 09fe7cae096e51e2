/**
 * Hostile input over HTTP: thousands of generated requests to the ingestion routes get a clear 4xx (or their normal
 * answer), never a 5xx, and leave no partial rows behind. Plus the named cases from the issue, one by one.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, APP, API_KEY, eventually, testDb } from './support';

const { db, sql: pg } = testDb();
afterAll(async () => {
  await pg.end();
});

const RUN = crypto.randomUUID().slice(0, 8);
const DOMAIN = `fuzz-${RUN}.leadflow.test`;
const POOL = Array.from({ length: 12 }, (_, i) => `lead${i}@${DOMAIN}`);
const leadIds: string[] = [];

beforeAll(async () => {
  for (const email of POOL) {
    const res = await api('/api/leads', { body: { email, source: 'fuzz', first_name: 'Fuzz' } });
    expect(res.status, res.text).toBeLessThan(300);
    leadIds.push(res.json.id as string);
  }
});

// ---- generators -------------------------------------------------------------------------------------------------
const nasty = fc.constantFrom('\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDBFFy', '\uFEFF', '\u202E', '\r\nBcc: x@evil.test', '<!channel>', "'; drop table leads; --", '%00', '${jndi:ldap://x}', '😀', 'Nguyễn Thị Lan', ' ', '');
const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ minLength: 200, maxLength: 600 }));
const date = fc.oneof(
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '2024-02-30T10:00:00Z', '1969-12-31T23:59:59Z', '2024-08-01T10:23:00Z', '2024-08-01', 'yesterday', ''),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  text,
);
const nest = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
};
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const properties = fc.oneof(
  fc.dictionary(text, scalar, { maxKeys: 4 }),
  fc.tuple(fc.integer({ min: 1, max: 40 }), scalar).map(([d, leaf]) => nest(d, leaf)),
  fc.integer({ min: 33, max: 5000 }).map((d) => `__DEEP_${d}__`),
  fc.constantFrom<unknown>({ constructor: 'x' }, { prototype: { a: 1 } }, { __PROTO__: { admin: true } }, { toString: 1, valueOf: 'x' }),
  fc.jsonValue({ maxDepth: 3 }),
  scalar,
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const leadRef = fc.oneof(
  fc.constantFrom(...POOL.map((_, i) => i)).map((i) => ({ lead_id: () => leadIds[i]! })),
  fc.constantFrom(...POOL.map((_, i) => i)).map((i) => ({ lead_id: () => leadIds[i]!.toUpperCase() })),
  fc.constantFrom(...POOL).map((email) => ({ email })),
  fc.uuid().map((id) => ({ lead_id: () => id })),
  text.map((t) => ({ lead_id: () => t })),
);
const eventType = fc.oneof(fc.constantFrom('visit_pricing', 'download_whitepaper', 'register_webinar', 'email_open', 'page_view'), text);

let seq = 0;
const event = fc.record({ ref: leadRef, type: eventType, occurred_at: maybe(date), properties: maybe(properties), extra: maybe(fc.dictionary(text, scalar, { maxKeys: 2 })) }).map((e) => {
  const { ref, extra, ...rest } = e;
  const id = 'lead_id' in ref ? { lead_id: ref.lead_id() } : { email: ref.email };
  return { ...extra, ...rest, ...id, event_id: `fuzz-${RUN}-${++seq}` };
});
const lead = fc
  .record({
    email: fc.oneof(fc.constantFrom(...POOL), text, fc.constant(`x\u0000@${DOMAIN}`)),
    source: maybe(text),
    first_name: maybe(text),
    company: maybe(text),
    phone: maybe(text),
    company_size: maybe(fc.oneof(fc.integer(), fc.double(), text)),
    first_visit: maybe(date),
    utm_campaign: maybe(text),
    properties: maybe(properties),
  })
  .map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)));

/** JSON nested `depth` levels, written as text: building it as an object would overflow the test's own stack. */
const deepJson = (depth: number) => '{"k":'.repeat(depth) + '1' + '}'.repeat(depth);
/** JSON text; placeholders become a real `__proto__` key and deep nesting, as an attacker's raw JSON would carry them. */
const encode = (value: unknown) =>
  JSON.stringify(value)
    .replaceAll('"__PROTO__"', '"__proto__"')
    .replace(/"__DEEP_(\d+)__"/g, (_, d: string) => deepJson(Number(d)));
const hostileRaw = fc.constantFrom('', '{', 'null', '[]', '"text"', '{"events": {}}', '{"events": []}', '[' .repeat(100_000), deepJson(5000), '\u0000', '{"email": "a@b.co", "email": "x"}');

type Req = { path: string; body: string };
const request: fc.Arbitrary<Req> = fc.oneof(
  { weight: 4, arbitrary: lead.map((l) => ({ path: '/api/leads', body: encode(l) })) },
  { weight: 4, arbitrary: event.map((e) => ({ path: '/api/events', body: encode(e) })) },
  { weight: 3, arbitrary: fc.array(event, { minLength: 1, maxLength: 30 }).map((events) => ({ path: '/api/events', body: encode({ events }) })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/api/leads', '/api/events'), hostileRaw).map(([path, body]) => ({ path, body })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ path: '/api/events', body: encode({ events: [v] }) })) },
);

async function send(r: Req): Promise<number> {
  const res = await fetch(`${APP}${r.path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: r.body });
  await res.arrayBuffer();
  return res.status;
}

describe('fuzzed hostile requests to the ingestion routes', () => {
  it('3,000 generated requests: no 5xx, and no partial rows afterwards', async () => {
    const requests = fc.sample(request, { numRuns: 3000, seed: Number.parseInt(RUN, 16) });
    const fives: { status: number; req: Req }[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    // A handful of workers at once: enough to find races, gentle enough for a 2-core box shared with the worker.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          const status = await send(r);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) fives.push({ status, req: { path: r.path, body: r.body.slice(0, 300) } });
        }
      }),
    );
    expect(fives, `5xx answers (first shown) ${JSON.stringify(fives[0])}`).toEqual([]);
    // The generators must reach both sides: plenty refused, plenty accepted.
    expect((statuses.get(400) ?? 0) + (statuses.get(404) ?? 0)).toBeGreaterThan(300);
    expect((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) + (statuses.get(202) ?? 0)).toBeGreaterThan(300);

    const like = `%@${DOMAIN}`;
    const orphans = await db.execute<{ kind: string; n: number }>(sql`
      select 'lead without capture event' as kind, count(*)::int as n from leads l
        where l.email like ${like} and not exists (select 1 from lead_events e where e.lead_id = l.id and e.type = 'lead_captured')
      union all
      select 'event without lead', count(*)::int from lead_events e
        where e.event_id like ${`fuzz-${RUN}-%`} and not exists (select 1 from leads l where l.id = e.lead_id)
      union all
      select 'score change without event', count(*)::int from score_changes s join leads l on l.id = s.lead_id
        where l.email like ${like} and (s.event_id is null or not exists (select 1 from lead_events e where e.event_id = s.event_id))`);
    expect(orphans.map((o) => [o.kind, o.n])).toEqual([
      ['lead without capture event', 0],
      ['event without lead', 0],
      ['score change without event', 0],
    ]);
  });
});

describe('each hostile case named in the issue', () => {
  const refused = async (path: string, body: unknown, field: string) => {
    const res = await api(path, { raw: typeof body === 'string' ? body : encode(body) });
    expect([res.status, res.json?.field], res.text).toEqual([400, field]);
  };

  it('NUL, lone surrogates, deep nesting, impossible dates are a 400 naming the field, and write nothing', async () => {
    const email = `nul-${RUN}@${DOMAIN}`;
    await refused('/api/leads', { email, first_name: 'Lan\u0000' }, 'first_name');
    await refused('/api/leads', { email, properties: { note: 'a\uD800' } }, 'properties.note');
    await refused('/api/leads', { email, properties: { note: '__DEEP_5000__' } }, expect.stringMatching(/^properties\.note\.k/));
    await refused('/api/leads', { email, first_visit: '0000-01-01T00:00:00Z' }, 'first_visit');
    await refused('/api/events', { event_id: `nul-${RUN}`, lead_id: leadIds[0], type: 'visit_pricing', properties: { ['k\u0000']: 1 } }, 'properties.k\u0000');
    await refused('/api/events', { event_id: `nul-${RUN}`, lead_id: leadIds[0], type: 'visit_pricing', occurred_at: '9999-12-31T23:59:59Z' }, 'occurred_at');
    const written = await db.execute<{ n: number }>(sql`select (select count(*) from leads where email = ${email}) + (select count(*) from lead_events where event_id = ${`nul-${RUN}`}) as n`);
    expect(Number(written[0]!.n)).toBe(0);
  });

  it('a batch rejects each bad event by index and accepts the rest', async () => {
    const good = (i: number) => ({ event_id: `batch-${RUN}-${i}`, lead_id: leadIds[1], type: 'visit_pricing' });
    const events = [good(0), { ...good(1), properties: { x: '\u0000' } }, good(2), { ...good(3), occurred_at: '2024-02-30T00:00:00Z' }, good(4)];
    const res = await api('/api/events', { raw: encode({ events }) });
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(3);
    expect((res.json.rejected as { index: number; field: string }[]).map((r) => [r.index, r.field])).toEqual([
      [1, 'properties.x'],
      [3, 'occurred_at'],
    ]);
  });

  it('an upper-case lead id finds the lead', async () => {
    const res = await api('/api/events', { body: { event_id: `upper-${RUN}`, lead_id: leadIds[2]!.toUpperCase(), type: 'visit_pricing' } });
    expect([res.status, res.json.accepted]).toEqual([202, 1]);
    expect((await api(`/api/leads/${leadIds[2]!.toUpperCase()}`)).status).toBe(200);
  });

  it('fractional minutes on a hand-off are a 400', async () => {
    await refused('/api/handoff', { lead_id: leadIds[3], reason: 'x', sla_minutes: 0.5 }, 'sla_minutes');
  });

  it('a raw __proto__ key in properties is refused by name; constructor and prototype are kept as data', async () => {
    await refused('/api/events', `{"event_id":"proto-${RUN}","lead_id":"${leadIds[4]}","type":"page_view","properties":{"__proto__":{"admin":true}}}`, 'properties.__proto__');
    const ok = await api('/api/events', { body: { event_id: `ctor-${RUN}`, lead_id: leadIds[4], type: 'visit_pricing', properties: { constructor: { prototype: 1 } } } });
    expect(ok.status).toBe(202);
    // Applied in the background after the 202.
    const row = await eventually(async () => (await db.execute<{ properties: unknown }>(sql`select properties from lead_events where event_id = ${`ctor-${RUN}`}`))[0] ?? null, 30_000, 'the event to be applied');
    expect(row.properties).toEqual({ constructor: { prototype: 1 } });
  });

  it('bodies over the limit are refused before parsing on every route, signed or not', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    for (const path of ['/api/leads', '/api/events', '/api/handoff', '/api/webhooks/resend', '/api/trpc/leads.acknowledgeHandoff']) {
      const res = await fetch(`${APP}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: big });
      await res.arrayBuffer();
      expect(res.status, path).toBe(413);
    }
  });
});
