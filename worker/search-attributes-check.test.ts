/** Against a real Temporal dev server started WITHOUT Leadflow's search attributes: the worker refuses to start and says how to fix it. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, waitForPort } from '@/scripts/lib/ports';
import { TEMPORAL_CLI, ROOT } from '@/scripts/lib/tools';
import { assertSearchAttributes, MissingSearchAttributesError } from './search-attributes-check';

const run = promisify(execFile);
let server: ChildProcess;
let address: string;

beforeAll(async () => {
  const port = await freePort();
  address = `127.0.0.1:${port}`;
  server = spawn(TEMPORAL_CLI, ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'], { stdio: 'ignore' });
  await waitForPort(port, 60_000);
});
afterAll(() => {
  server?.kill('SIGTERM');
});

it('the worker process exits naming every missing attribute and the command that creates it; after running those commands the check passes', async () => {
  const worker = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', DATABASE_URL: 'postgres://unused:unused@127.0.0.1:1/unused', LOG_LEVEL: 'silent' },
    timeout: 90_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
  );
  expect(worker.code).not.toBe(0);
  const commands = [...worker.stderr.matchAll(/temporal operator search-attribute create .*/g)].map((m) => m[0]);
  expect(commands).toHaveLength(5);
  for (const [name, type] of [['LeadId', 'Keyword'], ['JourneyId', 'Keyword'], ['LeadStage', 'Keyword'], ['LeadScore', 'Int'], ['LeadHot', 'Bool']]) {
    expect(worker.stderr).toContain(`${name} (${type}) is missing`);
    expect(commands).toContain(`temporal operator search-attribute create --address ${address} --namespace default --name ${name} --type ${type}`);
  }

  // The printed commands are the fix: run them as printed.
  for (const command of commands) await run(TEMPORAL_CLI, command.split(' ').slice(1));
  const connection = await Connection.connect({ address });
  try {
    await expect(assertSearchAttributes(connection, 'default', address)).resolves.toBeUndefined();
  } finally {
    await connection.close();
  }
}, 180_000);

it('a search attribute registered with the wrong type is named with what it is', async () => {
  const connection = await Connection.connect({ address });
  try {
    await run(TEMPORAL_CLI, ['operator', 'namespace', 'create', '--address', address, '--namespace', 'mistyped']);
    await run(TEMPORAL_CLI, ['operator', 'search-attribute', 'create', '--address', address, '--namespace', 'mistyped', '--name', 'LeadScore', '--type', 'Keyword']);
    const err = await assertSearchAttributes(connection, 'mistyped').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingSearchAttributesError);
    expect((err as Error).message).toContain('LeadScore (Int) is registered as Keyword');
  } finally {
    await connection.close();
  }
}, 120_000);
