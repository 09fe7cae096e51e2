import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetch, OutboundRefused, parseOrigins } from './safe-fetch';

let server: http.Server;
let port = 0;
const hits: string[] = [];
let connections = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.1:${port}/landed` }).end('moved');
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('secret body the worker must not keep');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('outbound calls cannot be turned against the network', () => {
  it('refuses a hostname that resolves to 127.0.0.1 at connect time, before any byte reaches the listener', async () => {
    const safe = createSafeFetch();
    const before = connections;
    // `localhost` is a name, not an address: only the resolved address tells the agent it is loopback.
    const err = await safe(`https://localhost:${port}/hook`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundRefused);
    expect(String((err as Error).message)).toMatch(/address refused: DNS lookup 127\.0\.0\.1/);
    expect(connections).toBe(before);
  });

  it('refuses loopback, metadata and IPv6 loopback literals', async () => {
    const safe = createSafeFetch({ timeoutMs: 2_000 });
    for (const url of [`https://127.0.0.1:${port}/`, 'https://169.254.169.254/latest/meta-data/', 'https://[::1]/', 'https://10.0.0.1/', 'https://0.0.0.0/']) {
      await expect(safe(url), url).rejects.toBeInstanceOf(OutboundRefused);
    }
  });

  it('refuses other schemes, plain http and credentials in the URL', async () => {
    const safe = createSafeFetch();
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/_x', `http://localhost:${port}/`, 'ftp://example.com/', 'https://user:pw@example.com/', 'not a url']) {
      await expect(safe(url), url).rejects.toBeInstanceOf(OutboundRefused);
    }
  });

  it('reaches an explicitly allowlisted local fake, answers redirects without following them, and never reads the body', async () => {
    const safe = createSafeFetch({ allowOrigins: parseOrigins(`http://localhost:${port}, http://127.0.0.1:${port}`) });
    hits.length = 0;
    const ok = await safe(`http://localhost:${port}/ok`, { method: 'POST', body: '{}' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    const moved = await safe(`http://127.0.0.1:${port}/redirect`, { method: 'POST', body: '{}' });
    expect(moved.status).toBe(302);
    expect(hits).toEqual(['/ok', '/redirect']);
  });

  it('the allowlist is exact: another port on the same host is still filtered', async () => {
    const safe = createSafeFetch({ allowOrigins: [`http://127.0.0.1:${port}`] });
    await expect(safe(`http://127.0.0.1:${port + 1}/`)).rejects.toBeInstanceOf(OutboundRefused);
  });
});
