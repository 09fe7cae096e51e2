import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetch } from '@/lib/net/safe-fetch';
import { endpointSecret } from '@/lib/webhooks/standard';
import { postSigned } from './webhooks';

let server: http.Server;
let origin = '';
const got: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/moved') res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else if (req.url === '/nope') res.writeHead(400).end('ATTACKER-CONTROLLED TEXT');
      else res.writeHead(200).end('ATTACKER-CONTROLLED TEXT');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const deps = () => ({ fetch: createSafeFetch({ allowOrigins: [origin] }), signingSecret: 'master-secret' });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as ApplicationFailure);

describe('postSigned', () => {
  it('signs the Standard Webhooks way with the endpoint secret and returns only the status', async () => {
    const result = await postSigned(deps(), { url: `${origin}/hook`, idempotencyKey: 'run-1:node-7', body: { a: 1 } });
    expect(result).toEqual({ status: 200 });
    const req = got.at(-1)!;
    expect(req.headers['webhook-id']).toBe('run-1:node-7');
    const verified = new Webhook(endpointSecret('master-secret', `${origin}/hook`)).verify(req.body, req.headers as Record<string, string>);
    expect(verified).toEqual({ a: 1 });
  });

  it('does not follow a redirect, and keeps the receiver body out of the failure', async () => {
    const err = await failure(postSigned(deps(), { url: `${origin}/moved`, idempotencyKey: 'k', body: {} }));
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect([err.type, err.nonRetryable]).toEqual(['WebhookRejected', true]);
    expect(err.message).toBe(`webhook ${origin} answered 307 (redirects are not followed)`);
    const rejected = await failure(postSigned(deps(), { url: `${origin}/nope`, idempotencyKey: 'k', body: {} }));
    expect(rejected.message).not.toContain('ATTACKER');
  });

  it('a refused address is a permanent failure that does not name the URL path (a Slack URL is a credential)', async () => {
    const err = await failure(postSigned({ fetch: createSafeFetch(), signingSecret: 's' }, { url: 'https://localhost/services/T0/B0/SECRET', idempotencyKey: 'k', body: {} }));
    expect([err.type, err.nonRetryable]).toEqual(['WebhookRefused', true]);
    expect(err.message).not.toContain('SECRET');
  });
});
