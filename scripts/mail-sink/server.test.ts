import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '@/lib/webhooks/standard';
import { startMailSink, type MailSink } from './server';
import type { SinkMessage } from './webhooks';

const secret = 'whsec_' + Buffer.from('mail-sink-test-secret').toString('base64');
const from = 'Leadflow <hello@leadflow.test>';

type Received = { headers: IncomingMessage['headers']; body: string };

let sink: MailSink;
let resend: Resend;
let hook: { url: string; received: Received[]; close: () => Promise<void> };

async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function sinkJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${sink.url}${path}`, init);
  return (await res.json()) as T;
}

beforeAll(async () => {
  hook = await startReceiver();
  sink = await startMailSink({ port: 0, webhookUrl: hook.url, webhookSecret: secret });
  resend = new Resend('re_test_key', { baseUrl: sink.url });
});
afterAll(async () => {
  await sink.close();
  await hook.close();
});
beforeEach(async () => {
  await fetch(`${sink.url}/_sink/messages`, { method: 'DELETE' });
  hook.received.length = 0;
});

describe('mail sink with the real resend SDK', () => {
  it('accepts a send and keeps the message with html, text and headers', async () => {
    const { data, error } = await resend.emails.send({
      from,
      to: 'linh@acme.test',
      subject: 'Hello',
      html: '<p>Hi <a href="https://example.com/x">x</a></p>',
      text: 'Hi',
      headers: { 'List-Unsubscribe': '<https://app.test/u>' },
      tags: [{ name: 'template', value: 'email-a-nurture' }],
    });
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);
    const { data: list } = await sinkJson<{ data: SinkMessage[] }>('/_sink/messages');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: data?.id, to: ['linh@acme.test'], subject: 'Hello', text: 'Hi', headers: { 'List-Unsubscribe': '<https://app.test/u>' } });
    const one = await sinkJson<SinkMessage>(`/_sink/messages/${data?.id}`);
    expect(one.html).toContain('https://example.com/x');
    const viaApi = await resend.emails.get(data!.id);
    expect(viaApi.data?.id).toBe(data?.id);
  });

  it('batch-sends up to 100 emails and answers { data: [{ id }] }', async () => {
    const emails = Array.from({ length: 3 }, (_, i) => ({ from, to: `lead${i}@acme.test`, subject: `S${i}`, text: 'body' }));
    const { data, error } = await resend.batch.send(emails);
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(3);
    expect(sink.messages().map((m) => m.to[0]).sort()).toEqual(['lead0@acme.test', 'lead1@acme.test', 'lead2@acme.test']);

    const tooMany = await resend.batch.send(Array.from({ length: 101 }, () => emails[0]!));
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: 'validation_error' });
  });

  it('replays the same idempotency key + body, and 409s the same key with another body', async () => {
    const payload = { from, to: 'a@acme.test', subject: 'Once', text: 'only once' };
    const first = await resend.emails.send(payload, { idempotencyKey: 'wf-1:node-a:1' });
    const again = await resend.emails.send(payload, { idempotencyKey: 'wf-1:node-a:1' });
    expect(again.data?.id).toBe(first.data?.id);
    expect(sink.messages()).toHaveLength(1);

    const conflict = await resend.emails.send({ ...payload, subject: 'Changed' }, { idempotencyKey: 'wf-1:node-a:1' });
    expect(conflict.data).toBeNull();
    expect(conflict.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
  });

  it('answers invalid messages with a 422 the SDK returns as { error }', async () => {
    const noTo = await resend.emails.send({ from, to: [], subject: 'x', text: 'x' });
    expect(noTo).toMatchObject({ data: null, error: { statusCode: 422, name: 'missing_required_field' } });
    const badTo = await resend.emails.send({ from, to: 'not-an-address', subject: 'x', text: 'x' });
    expect(badTo.error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    expect(badTo.error?.message).toContain('`to`');
    const noSubject = await resend.emails.send({ from, to: 'a@acme.test', subject: '', text: 'x' });
    expect(noSubject.error).toMatchObject({ statusCode: 422 });
    expect(sink.messages()).toHaveLength(0);
  });

  it('requires a bearer token', async () => {
    const res = await fetch(`${sink.url}/emails`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
  });

  it('injects 429s with retry-after, then recovers', async () => {
    await fetch(`${sink.url}/_sink/faults`, { method: 'POST', body: JSON.stringify({ status: 429, count: 2, retryAfter: 3 }) });
    const payload = { from, to: 'a@acme.test', subject: 'Retry', text: 'x' };
    const first = await resend.emails.send(payload, { idempotencyKey: 'k-429' });
    expect(first.error).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    expect(first.headers?.['retry-after']).toBe('3');
    const second = await resend.emails.send(payload, { idempotencyKey: 'k-429' });
    expect(second.error?.statusCode).toBe(429);
    const third = await resend.emails.send(payload, { idempotencyKey: 'k-429' });
    expect(third.error).toBeNull();
    expect(sink.messages()).toHaveLength(1);

    await fetch(`${sink.url}/_sink/faults`, { method: 'POST', body: JSON.stringify({ status: 500 }) });
    const fiveHundred = await resend.emails.send(payload);
    expect(fiveHundred.error?.statusCode).toBe(500);
  });

  it('lets `after` requests through before a fault, and lists each send request with its size, status and key', async () => {
    await fetch(`${sink.url}/_sink/faults`, { method: 'POST', body: JSON.stringify({ status: 429, retryAfter: 1, after: 1 }) });
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ from, to: `b${i}@acme.test`, subject: 'B', text: 'x' }));
    expect((await resend.batch.send(batch(3), { idempotencyKey: 'k-after-1' })).error).toBeNull();
    expect((await resend.batch.send(batch(2), { idempotencyKey: 'k-after-2' })).error?.statusCode).toBe(429);
    expect((await resend.batch.send(batch(2), { idempotencyKey: 'k-after-2' })).error).toBeNull();
    expect((await resend.emails.send({ from, to: 'one@acme.test', subject: 'One', text: 'x' })).error).toBeNull();
    expect(sink.requests().map((r) => [r.path, r.size, r.status, r.idempotencyKey])).toEqual([
      ['/emails/batch', 3, 200, 'k-after-1'],
      ['/emails/batch', 2, 429, 'k-after-2'],
      ['/emails/batch', 2, 200, 'k-after-2'],
      ['/emails', 1, 200, null],
    ]);
  });

  it('posts signed Resend-shaped webhooks that both our verifier and the SDK accept', async () => {
    const { data } = await resend.emails.send({ from, to: 'a@acme.test', subject: 'Hook', html: '<a href="https://example.com/p">p</a>' });
    const reply = await sinkJson<{ delivered: boolean; svixId: string }>(`/_sink/messages/${data?.id}/events`, {
      method: 'POST',
      body: JSON.stringify({ type: 'email.clicked', link: 'https://example.com/p', repeat: 2 }),
    });
    expect(reply.delivered).toBe(true);
    expect(hook.received).toHaveLength(2);
    const [a, b] = hook.received as [Received, Received];
    expect(b.headers['svix-id']).toBe(a.headers['svix-id']);
    const payload = JSON.parse(a.body) as { type: string; data: { email_id: string; click: { link: string } } };
    expect(payload).toMatchObject({ type: 'email.clicked', data: { email_id: data?.id, click: { link: 'https://example.com/p' } } });

    const h = a.headers as Record<string, string>;
    expect(verifyWebhook(secret, a.body, h)).toEqual({ ok: true, id: h['svix-id'] });
    const official = resend.webhooks.verify({
      payload: a.body,
      headers: { id: h['svix-id']!, timestamp: h['svix-timestamp']!, signature: h['svix-signature']! },
      webhookSecret: secret,
    });
    expect(official.type).toBe('email.clicked');
    expect(verifyWebhook(secret, a.body.replace('clicked', 'opened'), h)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('auto-delivers email.delivered when asked', async () => {
    await fetch(`${sink.url}/_sink/config`, { method: 'POST', body: JSON.stringify({ autoDeliver: true }) });
    try {
      const { data } = await resend.emails.send({ from, to: 'a@acme.test', subject: 'Auto', text: 'x' });
      await expect.poll(() => hook.received.length).toBe(1);
      expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ type: 'email.delivered', data: { email_id: data?.id } });
    } finally {
      await fetch(`${sink.url}/_sink/config`, { method: 'POST', body: JSON.stringify({ autoDeliver: false }) });
    }
  });
});
