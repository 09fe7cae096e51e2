/** Keeping a failed run's stack logs: they live in a throwaway folder that the test command deletes. */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './tools';

/** Copies the per-part logs (next.log, worker.log, temporal.log, …) under `into` and returns where they went. */
export async function keepLogs(logDir: string, into = path.join(ROOT, 'test-results')): Promise<string> {
  const kept = path.join(into, `stack-logs-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await cp(logDir, kept, { recursive: true });
  return kept;
}
