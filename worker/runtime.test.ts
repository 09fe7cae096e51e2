import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from '@/lib/log';
import { temporalLogger } from './runtime';

it('routes the Temporal SDK’s log calls into pino at the same level, metadata redacted', () => {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, any>);
      done();
    },
  });
  const logger = temporalLogger(createLogger({ name: 'worker', destination, level: 'info' }));
  logger.debug('below the level');
  logger.warn('Activity failed', { activityType: 'sendEmail', to: 'lan@example.com' });
  logger.log('ERROR', 'Workflow task failed', { workflowId: 'lead-1-journey-2' });
  expect(lines.map((l) => [l.level, l.msg])).toEqual([
    ['warn', 'Activity failed'],
    ['error', 'Workflow task failed'],
  ]);
  expect(lines[0]).toMatchObject({ activityType: 'sendEmail', to: '[redacted]' });
  expect(lines[1]).toMatchObject({ workflowId: 'lead-1-journey-2' });
});
