/**
 * `npm run start:prod`: Leadflow in production mode — `next start` on a build, and the worker — against your Postgres,
 * Temporal and Resend. It refuses to start while any secret still has its development default, naming the variable,
 * never creates the all-zero dev API key (and revokes it if an earlier dev run left it), and starts no embedded parts.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import exitHook from 'async-exit-hook';
import { createDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { seedDatabase } from '@/db/seed';
import { env } from '@/lib/env';
import { defaultSecrets } from '@/lib/secrets';
import { revokeDevApiKey } from '@/server/services/api-keys';
import { ensureFirstAdmin } from '@/server/services/users';
import { buildWorkflowBundle, DEFAULT_BUNDLE_DIR, prebuiltWorkflowBundle } from '@/worker/workflow-bundle';
import { run } from './lib/run';
import { createSupervisor } from './lib/supervisor';
import { appServerArgs, ROOT } from './lib/tools';

function refuse(lines: string[]): never {
  console.error(['Leadflow will not start in production:', ...lines.map((l) => `  - ${l}`)].join('\n'));
  process.exit(1);
}

async function main(): Promise<void> {
  process.env.LEADFLOW_MODE = 'production';
  const e = env();
  const secrets = defaultSecrets(e);
  if (secrets.length) refuse(secrets.map((name) => `${name} still has its development default: set it to a long random value (openssl rand -base64 32)`));
  const missing = (['DATABASE_URL', 'TEMPORAL_ADDRESS', 'RESEND_API_KEY', 'APP_URL'] as const).filter((k) => !process.env[k]);
  if (missing.length) refuse(missing.map((k) => `${k} is not set: production runs no embedded ${k === 'DATABASE_URL' ? 'Postgres' : k === 'TEMPORAL_ADDRESS' ? 'Temporal' : k === 'RESEND_API_KEY' ? 'mail sink' : 'URL guess'}`));

  const url = e.DATABASE_URL!;
  await runMigrations(url);
  const { db, sql } = createDb(url, 2);
  try {
    await seedDatabase(db, { devApiKey: null });
    if (await revokeDevApiKey(db, e.LEADFLOW_DEV_API_KEY)) console.log('Revoked the development API key left by an earlier development run.');
    const admin = await ensureFirstAdmin(db, { email: e.LEADFLOW_ADMIN_EMAIL, password: e.LEADFLOW_ADMIN_PASSWORD, appUrl: e.APP_URL });
    if (admin.kind === 'setup') console.log(`No admin yet. Create the first one (link works once, for 24 h): ${admin.url}`);
    if (admin.kind === 'created') console.log(`Created the first admin ${admin.email}.`);
  } finally {
    await sql.end();
  }

  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('No build yet: running next build …');
    await run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  // Production workers refuse to bundle in their own process: build the bundle they all load, once, before they start.
  const bundleDir = e.WORKFLOW_BUNDLE_DIR ? path.resolve(e.WORKFLOW_BUNDLE_DIR) : DEFAULT_BUNDLE_DIR;
  const bundle = await prebuiltWorkflowBundle(bundleDir);
  if (bundle.state !== 'fresh') {
    console.log(`Workflow bundle ${bundle.state}: running build:workflows …`);
    const built = await buildWorkflowBundle(bundleDir);
    console.log(`workflow bundle: ${built.codePath} (sources ${built.sourceHash.slice(0, 12)})`);
  }
  const supervisor = createSupervisor();
  const childEnv = { ...process.env, LEADFLOW_MODE: 'production', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  supervisor.spawn('worker', process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')], { env: childEnv });
  supervisor.spawn('bulk-worker', process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/bulk-main.ts')], { env: childEnv });
  supervisor.spawn('next', process.execPath, appServerArgs('start', e.PORT), { env: childEnv, cwd: ROOT });
  console.log(`Leadflow (production) on ${e.APP_URL} (port ${e.PORT}); more workers: LEADFLOW_MODE=production npm run worker (blasts: npm run worker:bulk)`);

  exitHook.forceExitTimeout(30_000);
  exitHook((done: () => void) => void supervisor.stopAll().finally(done));
  const died = await supervisor.firstExit();
  console.error(`${died.name} exited (code ${died.code}); stopping the rest.`);
  await supervisor.stopAll();
  process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
