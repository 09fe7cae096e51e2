import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endpointSecret, standardWebhookHeaders, verifyWebhook } from './standard';

// The published Standard Webhooks / Svix test vector: computed by the reference implementations, not by this module.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('outbound Standard Webhooks signatures', () => {
  it('reproduce the known-good vector exactly', () => {
    const headers = standardWebhookHeaders(VECTOR.secret, VECTOR.id, VECTOR.body, new Date(VECTOR.timestamp * 1000));
    expect(headers).toEqual({ 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature });
  });

  it('give each endpoint its own whsec_ secret, which a stock verifier accepts', () => {
    const a = endpointSecret('master', 'https://crm.example.com/hooks/a?x=1');
    const b = endpointSecret('master', 'https://crm.example.com/hooks/b');
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(endpointSecret('master', 'https://crm.example.com/hooks/a?y=2')).toBe(a);
    const body = JSON.stringify({ hello: 'world' });
    const headers = standardWebhookHeaders(a, 'handoff:1:assigned:0:crm', body);
    expect(new Webhook(a).verify(body, headers)).toEqual({ hello: 'world' });
    expect(() => new Webhook(b).verify(body, headers)).toThrow();
  });
});

describe('inbound verification (Resend webhooks)', () => {
  afterEach(() => vi.useRealTimers());
  const at = (seconds: number) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(seconds * 1000);
  };

  it('accepts the known-good vector under either header naming, and refuses it tampered', () => {
    at(VECTOR.timestamp + 10);
    const svix = { 'svix-id': VECTOR.id, 'svix-timestamp': String(VECTOR.timestamp), 'svix-signature': VECTOR.signature };
    expect(verifyWebhook(VECTOR.secret, VECTOR.body, svix)).toEqual({ ok: true, id: VECTOR.id });
    const std = new Headers({ 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': `v1,bm9wZQ== ${VECTOR.signature}` });
    expect(verifyWebhook(VECTOR.secret, VECTOR.body, std)).toEqual({ ok: true, id: VECTOR.id });
    expect(verifyWebhook(VECTOR.secret, VECTOR.body.replace('2432232314', '2432232315'), svix)).toEqual({ ok: false, reason: 'bad_signature' });
    // The header's own bytes are signed: a re-formatted timestamp is not the same message.
    expect(verifyWebhook(VECTOR.secret, VECTOR.body, { ...svix, 'svix-timestamp': `0${VECTOR.timestamp}` })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses the vector once it is stale, missing headers, and ids no sender would use', () => {
    at(VECTOR.timestamp + 6 * 60);
    const svix = { 'svix-id': VECTOR.id, 'svix-timestamp': String(VECTOR.timestamp), 'svix-signature': VECTOR.signature };
    expect(verifyWebhook(VECTOR.secret, VECTOR.body, svix)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhook(VECTOR.secret, VECTOR.body, {})).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifyWebhook(VECTOR.secret, VECTOR.body, { ...svix, 'svix-id': 'x'.repeat(5000) })).toEqual({ ok: false, reason: 'bad_id' });
  });
});
