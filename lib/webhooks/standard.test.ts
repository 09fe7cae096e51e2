import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { endpointSecret, standardWebhookHeaders } from './standard';

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
