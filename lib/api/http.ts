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
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status });
}

/** Reads at most MAX_BODY_BYTES; malformed JSON is a 400, an oversized body a 413. */
export async function readJson(req: Request): Promise<unknown> {
  const limit = env().MAX_BODY_BYTES;
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw new HttpError(413, `request body exceeds ${limit} bytes`);
  const text = await readBounded(req, limit);
  if (text.trim() === '') throw new HttpError(400, 'request body is empty: send a JSON object', 'body');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON', 'body');
  }
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
      if (err instanceof HttpError) {
        return json({ error: err.message, ...(err.field ? { field: err.field } : {}), ...(err.details ? { issues: err.details } : {}) }, err.status);
      }
      log('api').error({ err, method: req.method, path: new URL(req.url).pathname }, 'unhandled error');
      return json({ error: 'internal error' }, 500);
    }
  };
}
