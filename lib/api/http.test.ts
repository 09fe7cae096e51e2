import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { handler, readJson, readText } from './http';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await startTestDatabase();
});
afterAll(async () => {
  await tdb?.stop();
});

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://x/api', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('bodies are bounded before they are parsed', () => {
  it('a declared length over the limit is a 413 without reading a byte', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => { pulled++; c.enqueue(new Uint8Array(1024)); } });
    const res = await handler(async (req) => Response.json(await readJson(req)))(post(stream, { 'content-length': String(150 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('a body that streams past the limit without declaring it stops at the limit', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => { sent += 64 * 1024; c.enqueue(new Uint8Array(64 * 1024)); } });
    await expect(readText(post(stream), 256 * 1024)).rejects.toMatchObject({ status: 413 });
    expect(sent).toBeLessThan(512 * 1024);
  });
});

describe('Postgres data errors are the client\'s 400, never a 500', () => {
  it('maps a value Postgres refuses (NUL in text) to a 400', async () => {
    const route = handler(async () => {
      await tdb.db.execute(sql`select ${'a\u0000b'}::text`);
      return Response.json({});
    });
    const res = await route(post('{}'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/could not be stored/);
  });

  it('an impossible date is a 400 too', async () => {
    const res = await handler(async () => {
      await tdb.db.execute(sql`select ${'2024-02-30T00:00:00Z'}::timestamptz`);
      return Response.json({});
    })(post('{}'));
    expect(res.status).toBe(400);
  });
});
