/**
 * POST /api/events on node:http, answered before Next sees the request: the same checks in the same order as Next's
 * proxy and route (cross-site 403, API key 401/403, 413, JSON 400, zod 400, 503 backpressure, 404 lead), the same
 * error shapes and headers, and the same service (event-accept.ts); only Next's per-request routing cost is gone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDb } from '@/db/client';
import { CROSS_SITE_REFUSED, isCrossSite } from '@/lib/api/cross-site';
import { errorBody, HttpError, knownError, parseJson } from '@/lib/api/http';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { securityHeaders } from '@/lib/security-headers';
import { ROUTE_ACCESS } from '@/server/access';
import { requireApiKey } from '@/server/services/api-keys';
import { acceptEventBody } from '@/server/services/event-accept';

export const EVENTS_PATH = '/api/events';

/** The requests this path answers; everything else (other methods get Next's 405) goes to Next. */
export function isEventsPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url?.startsWith(EVENTS_PATH)) return false;
  const rest = req.url.slice(EVENTS_PATH.length);
  return rest === '' || rest.startsWith('?');
}

const access = ROUTE_ACCESS[`POST ${EVENTS_PATH}`];
if (access?.kind !== 'apiKey') throw new Error(`POST ${EVENTS_PATH} must be an API-key route in ROUTE_ACCESS for the lean path`);
const scope = access.scope;

let fixedHeaders: Record<string, string> | null = null;

export async function serveEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrived = performance.now();
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
    if (isCrossSite(headers, `${proto}://${headers.get('host') ?? '127.0.0.1'}`)) throw new HttpError(403, CROSS_SITE_REFUSED, 'origin');
    await requireApiKey(getDb(), { headers }, scope);
    const body = parseJson(await readBody(req, env().MAX_BODY_BYTES));
    send(res, 202, await acceptEventBody(body, arrived));
  } catch (err) {
    const known = knownError(err);
    if (known) {
      // A refused oversized body is not read on: the connection closes after the answer.
      send(res, known.status, errorBody(known), { ...known.headers, ...(known.status === 413 ? { connection: 'close' } : {}) });
      return;
    }
    log('api').error({ err, method: req.method, path: EVENTS_PATH }, 'unhandled error');
    send(res, 500, { error: 'internal error' });
  }
}

/** At most `limit` bytes; a larger body (declared or sent) is a 413 before it is read whole. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) return Promise.reject(new HttpError(413, `request body exceeds ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new HttpError(413, `request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.once('error', reject);
  });
}

/** JSON as lib/api/http's json() writes it (no-transform under 1 KiB), with the security headers Next's proxy adds. */
function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const length = Buffer.byteLength(text);
  fixedHeaders ??= securityHeaders();
  res.writeHead(status, {
    ...fixedHeaders,
    'content-type': 'application/json',
    ...(length < 1024 ? { 'cache-control': 'no-store, no-transform' } : {}),
    ...extra,
    'content-length': String(length),
  });
  res.end(text);
}
