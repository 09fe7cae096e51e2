import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger, redact, REDACTED } from './log';

function capture() {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, any>);
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'test', destination, level: 'info' }) };
}

it('writes one JSON object per line with level, time, name and the bound component', () => {
  const { lines, logger } = capture();
  logger.child({ component: 'relay' }).info({ rows: 3 }, 'delivered');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 'info', name: 'test', component: 'relay', rows: 3, msg: 'delivered' });
  expect(typeof lines[0]!.time).toBe('string');
});

it('redacts lead personal data: emails, names and phones at any depth, and emails inside messages and errors', () => {
  const { lines, logger } = capture();
  const err = new Error('duplicate key for lan.nguyen@example.com');
  logger.warn(
    { err, lead: { id: 'l-1', email: 'lan.nguyen@example.com', first_name: 'Lan', lastName: 'Nguyen', phone: '+84 90 123 4567', source: 'facebook_ads' }, batch: [{ email: 'b@example.org' }] },
    'capture of minh@example.vn failed',
  );
  const text = JSON.stringify(lines);
  for (const secret of ['lan.nguyen@example.com', 'Lan', 'Nguyen', '+84 90 123 4567', 'b@example.org', 'minh@example.vn']) expect(text).not.toContain(secret);
  const entry = lines[0]!;
  expect(entry.lead).toEqual({ id: 'l-1', email: REDACTED, first_name: REDACTED, lastName: REDACTED, phone: REDACTED, source: 'facebook_ads' });
  expect(entry.msg).toBe(`capture of ${REDACTED} failed`);
  expect(entry.err.message).toBe(`duplicate key for ${REDACTED}`);
  expect(entry.err.stack).toContain('Error: duplicate key');
});

it('keeps an Error passed first as err, redacted', () => {
  const { lines, logger } = capture();
  logger.error(new Error('mail to x@y.io bounced'));
  expect(lines[0]!.err.message).toBe(`mail to ${REDACTED} bounced`);
});

it('leaves what is not personal data alone', () => {
  expect(redact({ leadId: 'abc', score: 60, at: '2024-08-01T10:23:00Z', tags: ['hot'] })).toEqual({ leadId: 'abc', score: 60, at: '2024-08-01T10:23:00Z', tags: ['hot'] });
});
