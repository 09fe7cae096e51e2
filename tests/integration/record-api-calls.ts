/** Integration setup: records (method, path, status) of every request the tests make to the app's /api, for the OpenAPI coverage test. */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One file per vitest run (its workers share the parent pid); scripts/test.ts names it. */
export const API_CALLS_FILE = process.env.LEADFLOW_API_CALLS ?? path.join(os.tmpdir(), `leadflow-api-calls-${process.ppid}.jsonl`);
const APP = process.env.LEADFLOW_TEST_APP_URL ?? 'http://127.0.0.1:3000';

export function recordApiCall(method: string, pathname: string, status: number): void {
  appendFileSync(API_CALLS_FILE, `${JSON.stringify({ method: method.toUpperCase(), path: pathname, status })}\n`);
}

const original = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const res = await original(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.origin === new URL(APP).origin && url.pathname.startsWith('/api/')) {
    recordApiCall(init?.method ?? (input instanceof Request ? input.method : 'GET'), url.pathname, res.status);
  }
  return res;
};
