/** Runs once when a Next server process starts, before it serves requests. */
export async function register(): Promise<void> {
  // Only the Node server has sockets; the hook stamps each request's peer address for per-address limits.
  if (process.env.NEXT_RUNTIME === 'nodejs') await (await import('@/lib/api/client-address')).installPeerAddressHook();
}
