/** Route-handler plumbing: bearer auth, bounded JSON bodies, and errors that name the field. */
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on a 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Replies under 1 KiB say no-transform, which Next's compression honours: gzip of a ~50-byte 202 is CPU for nothing. */
export function json(body: unknown, status = 200): NextResponse {
  const text = JSON.stringify(body);
  const small = Buffer.byteLength(text) < 1024;
  return new NextResponse(text, { status, headers: { 'content-type': 'application/json', ...(small ? { 'cache-control': 'no-store, no-transform' } : {}) } });
}

/** Reads at most MAX_BODY_BYTES; malformed JSON is a 400, an oversized body a 413. */
export async function readJson(req: Request): Promise<unknown> {
  return parseJson(await readText(req));
}

/** The body's JSON; an empty or malformed body is a 400 naming `body`. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new HttpError(400, 'request body is empty: send a JSON object', 'body');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON', 'body');
  }
}

/** The raw body, refused with a 413 before it is read whole when it is (or claims to be) over the limit. */
export async function readText(req: Request, limit = env().MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw new HttpError(413, `request body exceeds ${limit} bytes`);
  return readBounded(req, limit);
}

async function readBounded(req: Request, limit: number): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new HttpError(413, `request body exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Validates with zod and turns the first issue into a 400 that names its field path. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
  const first = issues[0]!;
  throw new HttpError(400, `${first.field}: ${first.message}`, first.field, issues);
}

/** Wraps a handler so thrown HttpErrors become JSON responses and anything else a logged 500. */
export function handler<A extends unknown[]>(fn: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    try {
      return await fn(req, ...rest);
    } catch (err) {
      const known = knownError(err);
      if (known) {
        const res = json(errorBody(known), known.status);
        for (const [name, value] of Object.entries(known.headers ?? {})) res.headers.set(name, value);
        return res;
      }
      log('api').error({ err, method: req.method, path: new URL(req.url).pathname }, 'unhandled error');
      return json({ error: 'internal error' }, 500);
    }
  };
}

/** The client's mistake as an HttpError (ours or Postgres refusing a value), or null for a real failure (a 500). */
export function knownError(err: unknown): HttpError | null {
  return err instanceof HttpError ? err : postgresDataError(err);
}

/** Every API error's JSON shape: the message, the field it names, and zod's issues when there are several. */
export function errorBody(err: HttpError): Record<string, unknown> {
  return { error: err.message, ...(err.field ? { field: err.field } : {}), ...(err.details ? { issues: err.details } : {}) };
}

/**
 * Postgres refusing a value (class 22: data exception; 54: a value too large or deep) is the client's input, not our
 * failure: a 400 naming the column when Postgres names one. Validation should have caught it; this is the backstop.
 */
export function postgresDataError(err: unknown): HttpError | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { name?: string; code?: unknown; column_name?: string; message?: string };
    if (pg.name === 'PostgresError' && typeof pg.code === 'string' && /^(22|54)/.test(pg.code)) {
      const field = pg.column_name ?? 'body';
      return new HttpError(400, `${field}: a value could not be stored (${pg.message ?? pg.code})`, field);
    }
  }
  return null;
}
