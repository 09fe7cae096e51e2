/** Every setting Leadflow reads, validated once with messages that name the variable. */
import { z } from 'zod';

export const DEV_ROOT_SECRET = 'leadflow-development-root-secret-not-for-production';
export const DEV_WEBHOOK_SIGNING_SECRET = 'leadflow-dev-webhook-secret';
export const DEV_RESEND_WEBHOOK_SECRET = 'whsec_bGVhZGZsb3ctbG9jYWwtd2ViaG9vay1zZWNyZXQ=';

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('leadflow'),
  TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
  // A Temporal cluster or Temporal Cloud: TLS (client cert/key for mTLS, CA, SNI name) and/or an API key; any of them turns TLS on.
  TEMPORAL_TLS: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  // Encrypts workflow payloads in Temporal's history (AES-256-GCM); base64 of 32 bytes. Same value on every app and worker process.
  LEADFLOW_PAYLOAD_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'LEADFLOW_PAYLOAD_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  // Where `npm run build:workflows` writes the workflow bundle workers load.
  WORKFLOW_BUNDLE_DIR: z.string().min(1).optional(),
  RESEND_API_KEY: z.string().min(1).default('re_local_sink'),
  RESEND_BASE_URL: z.string().url().optional(),
  RESEND_WEBHOOK_SECRET: z.string().min(1).default(DEV_RESEND_WEBHOOK_SECRET),
  // Requests per second the worker makes to the email provider (0: no limit); unset, Resend's 2/s against Resend, none against the sink.
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().min(0).max(1000).optional(),
  EMAIL_FROM: z.string().min(3).default('Leadflow <hello@leadflow.local>'),
  APP_URL: z.string().url().default('http://localhost:3000'),
  PORT: port.default(3000),
  LEADFLOW_DEV_API_KEY: z.string().min(16).default('lf_dev_0000000000000000000000000000'),
  WEBHOOK_SIGNING_SECRET: z.string().min(8).default(DEV_WEBHOOK_SIGNING_SECRET),
  SLACK_WEBHOOK_URL: z.string().url().optional(),
  CRM_WEBHOOK_URL: z.string().url().optional(),
  // Comma-separated origins outbound calls may reach over http and on private addresses: the local fakes only.
  OUTBOUND_ALLOW_ORIGINS: z.string().optional(),
  MANAGER_EMAIL: z.string().email().default('sales-manager@leadflow.local'),
  PRODUCT_NAME: z.string().min(1).default('Leadflow'),
  SCHEDULE_LINK: z.string().url().default('https://cal.leadflow.local/demo'),
  // Your website, which the default emails' buttons link to ({{site_url}}); unset, this app's sample pages at /site.
  SITE_URL: z.string().url().optional(),
  MAX_EMAILS_PER_24H: z.coerce.number().int().min(1).default(3),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  // Events waiting in the inbox above which POST /api/events answers 503 with Retry-After instead of accepting more.
  EVENT_INBOX_MAX: z.coerce.number().int().min(1000).default(250_000),
  // Public form submissions one client address may make per form per minute.
  FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  // How many proxies of yours in front of Next append to X-Forwarded-For (0: none, the header is ignored and the socket's address counts).
  TRUST_PROXY: z
    .preprocess(
      (v) => (typeof v === 'string' ? ({ true: 1, false: 0, '': 0 } as Record<string, number>)[v.trim().toLowerCase()] ?? v : v),
      z.coerce.number({ message: 'TRUST_PROXY must be a number of proxy hops (0, 1, 2…) or true/false' }).int().min(0).max(10),
    )
    .default(0),
  // Ports of the embedded parts `npm start` runs; ignored for parts configured externally.
  EMBEDDED_PG_PORT: port.default(54329),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  MAIL_SINK_PORT: port.default(3025),
  WORKER_METRICS_PORT: port.default(9464),
  NEXT_MODE: z.enum(['dev', 'start']).default('dev'),
  // Bearer token Prometheus sends to GET /api/metrics; unset, the endpoint answers 401.
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  // The worker's Temporal SDK metrics (Prometheus /metrics), e.g. 0.0.0.0:9464; unset, off.
  WORKER_METRICS_ADDRESS: z.string().regex(/^[^:]+:\d+$/, 'WORKER_METRICS_ADDRESS must be host:port').optional(),
  // Worker sizing (worker/sizing.ts): the DB pool bounds workflow-task and local-activity slots; the cache bounds memory.
  WORKER_DB_POOL: z.coerce.number().int().min(2).max(200).default(10),
  WORKER_WORKFLOW_SLOTS: z.coerce.number().int().min(2).max(1000).optional(),
  WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(4).default(250),
  WORKER_STICKY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(10_000),
  WORKER_CHANNEL_SLOTS: z.coerce.number().int().min(1).max(10_000).default(200),
  // The bulk worker (blasts): its CPU niceness (0–19; higher yields more to the hot lane) and blast pages in flight at once.
  BULK_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  BULK_WORKER_SLOTS: z.coerce.number().int().min(1).max(50).default(2),
  // pino level for the app, worker and relay (lib/log.ts reads it directly so logging never waits on env parsing).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** production refuses development-default secrets and never creates the all-zero dev API key. */
  LEADFLOW_MODE: z.enum(['development', 'production']).default('development'),
  /** Root secret; each purpose's key is derived from it unless set on its own below. */
  LEADFLOW_SECRET: z.string().min(16).default(DEV_ROOT_SECRET),
  SESSION_SECRET: z.string().min(32).optional(),
  LINK_SIGNING_SECRET: z.string().min(16).optional(),
  LEADFLOW_ADMIN_EMAIL: z.string().trim().toLowerCase().email().optional(),
  LEADFLOW_ADMIN_PASSWORD: z.string().min(8).max(128).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parses process.env once; a bad value fails start-up with the variable's name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** The database URL; the dev and test scripts set it after starting embedded Postgres. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start Leadflow with `npm start`, or set it to a Postgres URL');
  return url;
}
