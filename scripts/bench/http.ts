/** A tiny JSON client for Leadflow's HTTP API, plus bounded concurrency and fixed-rate loops the sections share. */

export interface ApiReply {
  status: number;
  json: unknown;
  ms: number;
  /** Seconds from a Retry-After header (429/503), when sent. */
  retryAfter?: number;
}

export interface Api {
  base: string;
  post(path: string, body: unknown, timeoutMs?: number): Promise<ApiReply>;
  get(path: string): Promise<ApiReply>;
}

/** Node's fetch keeps connections alive per origin, so the figures are not dominated by TCP handshakes. */
export function createApi(base: string, apiKey: string): Api {
  const call = async (method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<ApiReply> => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = text;
    }
    const retryAfter = res.headers.get('retry-after');
    return { status: res.status, json, ms: performance.now() - started, ...(retryAfter ? { retryAfter: Number(retryAfter) } : {}) };
  };
  return { base, post: (path, body, timeoutMs) => call('POST', path, body, timeoutMs), get: (path) => call('GET', path) };
}

export interface PoolResult<T> {
  results: T[];
  errors: string[];
  elapsedMs: number;
}

/** Runs task(0..count-1) with `concurrency` lanes; stops taking new work at the deadline. */
export async function runPool<T>(count: number, concurrency: number, timeoutMs: number, task: (i: number) => Promise<T>): Promise<PoolResult<T>> {
  const results: T[] = [];
  const errors: string[] = [];
  const deadline = Date.now() + timeoutMs;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count && Date.now() < deadline) {
      const i = next++;
      try {
        results.push(await task(i));
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
  return { results, errors, elapsedMs: performance.now() - started };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until check() returns a value or the timeout passes (then null): waits for state, never for a fixed time. */
export async function pollUntil<T>(check: () => Promise<T | null>, timeoutMs: number, everyMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) return null;
    await sleep(everyMs);
  }
}

export function firstError(errors: string[]): string {
  return errors.length ? ` (first error: ${errors[0]!.slice(0, 160)})` : '';
}

/** Waits until /api/health says the worker polls; a stack that never does is measured anyway, with a note. */
export async function waitHealthy(app: string): Promise<void> {
  const ok = await pollUntil(
    async () => {
      try {
        const res = await fetch(`${app}/api/health`, { signal: AbortSignal.timeout(5_000) });
        const body = (await res.json()) as { worker?: string };
        return res.status === 200 && body.worker === 'up' ? true : null;
      } catch {
        return null;
      }
    },
    90_000,
    500,
  );
  if (!ok) process.stdout.write('   /api/health did not report the worker up within 90 s; measuring anyway\n');
}
