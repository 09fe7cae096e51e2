/** Helpers for integration tests against the stack scripts/test.ts started (its URLs arrive in env). */
import http from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createDb } from '@/db/client';
import { temporalConnectionOptions, type TemporalConnectionOptions } from '@/lib/temporal-connection';

export const APP = process.env.LEADFLOW_TEST_APP_URL ?? 'http://127.0.0.1:3000';
export const API_KEY = process.env.LEADFLOW_TEST_API_KEY ?? process.env.LEADFLOW_DEV_API_KEY ?? '';
export const MAIL_SINK = process.env.LEADFLOW_TEST_MAIL_SINK ?? process.env.RESEND_BASE_URL ?? '';

export async function api(path: string, init: { method?: string; body?: unknown; raw?: string; key?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? API_KEY}`;
  const res = await fetch(`${APP}${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
    redirect: 'manual',
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json: json as Record<string, any>, text, headers: res.headers };
}

/** Polls until `check` returns a value: the test waits for what a person would see, not for a fixed time. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function uniqueEmail(tag: string): string {
  return `${tag}-${crypto.randomUUID().slice(0, 8)}@it.leadflow.test`;
}

export function testDb() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL missing: run through npm test');
  return createDb(url, 3);
}

/** The stack's Temporal with the stack's own TLS settings (the cluster run's frontend speaks mTLS only). */
export function temporalTestConnection(): TemporalConnectionOptions {
  const e = process.env;
  return temporalConnectionOptions({
    TEMPORAL_ADDRESS: e.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    TEMPORAL_TLS_CA_PATH: e.TEMPORAL_TLS_CA_PATH,
    TEMPORAL_TLS_CERT_PATH: e.TEMPORAL_TLS_CERT_PATH,
    TEMPORAL_TLS_KEY_PATH: e.TEMPORAL_TLS_KEY_PATH,
    TEMPORAL_TLS_SERVER_NAME: e.TEMPORAL_TLS_SERVER_NAME,
  });
}

export async function temporalClient(): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect(temporalTestConnection());
  return { client: new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }), close: () => connection.close() };
}

export async function sinkMessages(): Promise<any[]> {
  const res = await fetch(`${MAIL_SINK}/_sink/messages`);
  const body = (await res.json());
  return Array.isArray(body) ? body : (body.data ?? body.messages ?? []);
}

export const WEBHOOKS = process.env.LEADFLOW_TEST_WEBHOOKS ?? '';

/** What the fake Slack and CRM endpoints received (see scripts/fakes/webhook-receiver.ts). */
export async function receivedWebhooks(): Promise<{ path: string; headers: Record<string, string>; body: string }[]> {
  const res = await fetch(`${WEBHOOKS}/_received`);
  return ((await res.json()) as { data: { path: string; headers: Record<string, string>; body: string }[] }).data;
}

/** A request whose TCP connection comes from `localAddress` (any 127.x loopback), as another machine's would. */
export function requestFrom(
  localAddress: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(path, APP);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname, port: url.port, path: url.pathname + url.search, method: init.method ?? 'GET', localAddress, agent: false, headers: init.headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
