import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { keepLogs } from './logs';
import { createSupervisor } from './supervisor';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'leadflow-supervisor-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

it('writes each quiet child’s output to <logDir>/<name>.log, and keepLogs copies them out of the throwaway folder', async () => {
  const logDir = path.join(tmp, 'logs');
  const lines: string[] = [];
  const supervisor = createSupervisor((l) => lines.push(l), { logDir });
  const child = supervisor.spawn('worker', process.execPath, ['-e', 'console.log("to stdout"); console.error("to stderr")'], { quiet: true });
  await child.exited;
  await supervisor.stopAll();
  expect(lines).toEqual([]); // quiet on the console …
  const text = await readFile(path.join(logDir, 'worker.log'), 'utf8');
  expect(text).toContain('to stdout'); // … but kept on disk
  expect(text).toContain('to stderr');

  const kept = await keepLogs(logDir, path.join(tmp, 'kept'));
  expect(path.basename(kept)).toMatch(/^stack-logs-\d{4}-/);
  expect(await readdir(kept)).toEqual(['worker.log']);
});
