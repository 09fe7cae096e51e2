/** What both worker processes (worker/main.ts, worker/bulk-main.ts) do at start-up and exit: the env-derived deps, the db pool, signals, the fatal path. */
import { createDb, type Db } from '@/db/client';
import { providerRequestsPerSecond } from '@/lib/email/rate-limit';
import { createSharedRateLimiter } from '@/lib/email/shared-rate-limit';
import { getResend } from '@/lib/email/resend-client';
import { databaseUrl, type Env } from '@/lib/env';
import type { Logger } from '@/lib/log';
import { createSafeFetch, parseOrigins } from '@/lib/net/safe-fetch';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { MissingSearchAttributesError } from './search-attributes-check';
import { WorkflowBundleError } from './workflow-bundle';

/** The Temporal connection and activity deps every worker process reads the same way from the env. */
export function sharedWorkerOptions(e: Env, db: Db) {
  return {
    connection: temporalConnectionOptions(e),
    payloadKey: e.LEADFLOW_PAYLOAD_KEY,
    bundleDir: e.WORKFLOW_BUNDLE_DIR,
    requirePrebuiltBundle: e.LEADFLOW_MODE === 'production',
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    db,
    resend: getResend(),
    // The account's limit, held across every worker process (the bulk worker's blasts included) through one Postgres row.
    limiter: createSharedRateLimiter({ db, perSecond: providerRequestsPerSecond(e.RESEND_REQUESTS_PER_SECOND, e.RESEND_BASE_URL) }),
    fetch: createSafeFetch({ allowOrigins: parseOrigins(e.OUTBOUND_ALLOW_ORIGINS) }),
    appUrl: e.APP_URL,
    signingSecret: e.WEBHOOK_SIGNING_SECRET,
    managerEmail: e.MANAGER_EMAIL,
  };
}

export interface WorkerProcess {
  shutdown(): void;
  run(): Promise<void>;
}

/**
 * Runs a worker process: `start` reads the env, opens the pool through `openDb` and builds the workers; they stop on
 * SIGINT/SIGTERM and the pool closes after them. A failure is logged (set-up errors also plainly, so their commands
 * can be copied) and the process exits 1.
 */
export function runWorkerProcess(logger: Logger, start: (openDb: (poolSize: number) => Db) => Promise<WorkerProcess>): void {
  let close: (() => Promise<void>) | null = null;
  const main = async () => {
    const workers = await start((poolSize) => {
      const { db, sql } = createDb(databaseUrl(), poolSize);
      close = () => sql.end();
      return db;
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => workers.shutdown());
    await workers.run();
    await close?.();
  };
  main().catch((err: unknown) => {
    if (err instanceof MissingSearchAttributesError || err instanceof WorkflowBundleError) console.error(err.message);
    logger.fatal({ err }, 'worker failed');
    process.exit(1);
  });
}
