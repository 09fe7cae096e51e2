/** The one tRPC endpoint. */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { HttpError, json, readText } from '@/lib/api/http';
import { appRouter } from '@/server/root';
import { createContext } from '@/server/trpc';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Mutations carry bodies: one over MAX_BODY_BYTES is refused before tRPC reads or parses it. */
async function bounded(req: Request): Promise<Request | Response> {
  if (req.method === 'GET' || req.method === 'HEAD') return req;
  try {
    return new Request(req.url, { method: req.method, headers: req.headers, body: await readText(req) });
  } catch (err) {
    if (err instanceof HttpError) return json({ error: err.message }, err.status);
    throw err;
  }
}

async function handle(req: Request): Promise<Response> {
  const request = await bounded(req);
  if (request instanceof Response) return request;
  return fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, createContext });
}

export { handle as GET, handle as POST };
