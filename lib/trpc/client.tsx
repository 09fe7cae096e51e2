'use client';
/** The browser's tRPC client and React Query provider; imports only the router's type. */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/root';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const AUTH_PAGES = ['/sign-in', '/setup', '/reset-password', '/invite'];

/** A session that expired while the page was open: back to sign-in, then back here. */
function onError(err: unknown) {
  if (!(err instanceof TRPCClientError) || (err.data as { code?: string } | undefined)?.code !== 'UNAUTHORIZED') return;
  const here = window.location.pathname;
  if (AUTH_PAGES.some((p) => here.startsWith(p))) return;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here + window.location.search)}`);
}

export function TrpcProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError }),
        mutationCache: new MutationCache({ onError }),
        defaultOptions: { queries: { staleTime: 2_000, refetchOnWindowFocus: false } },
      }),
  );
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
