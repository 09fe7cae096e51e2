import { describe, expect, it } from 'vitest';
import { captureLeadSchema, eventSchema, handoffRequestSchema } from './schemas';

const firstIssue = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
  const i = r.error?.issues[0];
  return i ? { field: i.path.join('.'), message: i.message } : null;
};

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

describe('hostile values are refused with the field named', () => {
  it('NUL in any text field or property', () => {
    expect(firstIssue(captureLeadSchema.safeParse({ email: 'a@b.co', first_name: 'Lan\u0000' }))).toEqual({ field: 'first_name', message: 'must not contain NUL (\\u0000) characters' });
    expect(firstIssue(captureLeadSchema.safeParse({ email: 'a@b.co', properties: { plan: ['x', 'y\u0000'] } }))?.field).toBe('properties.plan.1');
    expect(firstIssue(eventSchema.safeParse({ event_id: 'e\u0000', email: 'a@b.co', type: 'x' }))?.field).toBe('event_id');
    expect(firstIssue(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', properties: { ['k\u0000']: 1 } }))?.message).toMatch(/NUL/);
  });

  it('lone surrogates, but not real astral characters', () => {
    expect(firstIssue(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', properties: { s: 'a\uD800b' } }))).toEqual({ field: 'properties.s', message: 'must be valid Unicode (it has a lone surrogate)' });
    expect(firstIssue(captureLeadSchema.safeParse({ email: 'a@b.co', company: '\uDC00' }))?.field).toBe('company');
    expect(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', properties: { s: 'Nguyễn 😀' } }).success).toBe(true);
  });

  it('properties nested deeper than 32 levels, and __proto__ keys', () => {
    expect(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', properties: nested(31) }).success).toBe(true);
    expect(firstIssue(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', properties: nested(5000) }))?.message).toBe('is nested deeper than 32 levels');
    expect(firstIssue(eventSchema.safeParse(JSON.parse('{"event_id":"e","email":"a@b.co","type":"x","properties":{"x":{"__proto__":{"admin":true}}}}')))).toEqual({ field: 'properties.x.__proto__', message: 'key "__proto__" is not allowed' });
    // constructor and prototype are ordinary data here; the UI receives properties as entries.
    expect(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', properties: { constructor: 1, prototype: 2 } }).success).toBe(true);
  });

  it('dates outside 1970..now, and impossible dates', () => {
    for (const bad of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '2024-02-30T10:00:00Z']) {
      expect(firstIssue(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', occurred_at: bad }))?.field, bad).toBe('occurred_at');
      expect(firstIssue(captureLeadSchema.safeParse({ email: 'a@b.co', first_visit: bad }))?.field, bad).toBe('first_visit');
    }
    expect(eventSchema.safeParse({ event_id: 'e', email: 'a@b.co', type: 'x', occurred_at: '2024-08-01T10:23:00+07:00' }).success).toBe(true);
  });

  it('non-integer minutes', () => {
    expect(firstIssue(handoffRequestSchema.safeParse({ lead_id: 'x', reason: 'r', sla_minutes: 0.5 }))).toEqual({ field: 'sla_minutes', message: 'must be a whole number of minutes' });
    expect(handoffRequestSchema.safeParse({ lead_id: 'x', reason: 'r', sla_minutes: 15 }).success).toBe(true);
  });

  it('UUIDs are normalised to lower case', () => {
    const id = 'AB7D3F4E-1C2B-4D3E-8F90-ABCDEF012345';
    expect(eventSchema.parse({ event_id: 'e', lead_id: id, type: 'x' }).lead_id).toBe(id.toLowerCase());
    expect(handoffRequestSchema.parse({ lead_id: id, reason: 'r' }).lead_id).toBe(id.toLowerCase());
  });
});
