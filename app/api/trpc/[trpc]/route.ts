/** The one tRPC endpoint. */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/root';
import { createContext } from '@/server/trpc';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function handle(req: Request): Promise<Response> {
  return fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext });
}

export { handle as GET, handle as POST };
