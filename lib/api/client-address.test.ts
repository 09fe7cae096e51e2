/** Whose address a per-address limit counts: the socket's by default; X-Forwarded-For only through the proxies TRUST_PROXY names. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddress, PEER_HEADER, stampPeerAddress, withClientAddress } from './client-address';

let server: http.Server;
let seen: Headers[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    stampPeerAddress(req);
    seen.push(new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : []))));
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A real request from a chosen loopback address, with whatever headers a client cares to send. */
function request(headers: Record<string, string>, localAddress = '127.0.0.1'): Promise<Headers> {
  seen = [];
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, headers, localAddress, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(seen[0]!));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('client address', () => {
  it('by default is the socket peer: a forged X-Forwarded-For or peer header changes nothing', async () => {
    const a = await request({ 'x-forwarded-for': '198.51.100.1' });
    const b = await request({ 'x-forwarded-for': '198.51.100.2, 10.0.0.1', [PEER_HEADER]: '198.51.100.3' });
    expect(clientAddress(a, 0)).toBe('127.0.0.1');
    expect(clientAddress(b, 0)).toBe('127.0.0.1');
  });

  it('tells two peers apart', async () => {
    expect(clientAddress(await request({}, '127.0.0.2'), 0)).toBe('127.0.0.2');
  });

  it('with n trusted proxies takes the n-th forwarded address from the right, ignoring what the client prepended', async () => {
    const viaOne = await request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' });
    expect(clientAddress(viaOne, 1)).toBe('203.0.113.9');
    const viaTwo = await request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.5' });
    expect(clientAddress(viaTwo, 2)).toBe('203.0.113.9');
    expect(clientAddress(viaTwo, 5)).toBe('6.6.6.6');
    expect(clientAddress(await request({}), 1)).toBe('127.0.0.1');
  });

  it('reads a mapped IPv4 peer as the IPv4 address', () => {
    expect(clientAddress(new Headers({ [PEER_HEADER]: '::ffff:192.0.2.4' }), 0)).toBe('192.0.2.4');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '192.0.2.5' }), 1)).toBe('192.0.2.5');
  });

  it('withClientAddress hands libraries the same address, overwriting a client-sent copy of its header', async () => {
    const forged = await request({ 'x-forwarded-for': '198.51.100.1', [CLIENT_ADDRESS_HEADER]: '198.51.100.2' });
    const req = (h: Headers) => new Request('http://app.test/api/auth/sign-in/email', { method: 'POST', headers: h, body: '{"a":1}' });
    const direct = withClientAddress(req(forged), 0);
    expect(direct.headers.get(CLIENT_ADDRESS_HEADER)).toBe('127.0.0.1');
    expect(await direct.text()).toBe('{"a":1}');
    const proxied = await request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9', [CLIENT_ADDRESS_HEADER]: '198.51.100.2' });
    expect(withClientAddress(req(proxied), 1).headers.get(CLIENT_ADDRESS_HEADER)).toBe('203.0.113.9');
  });
});
