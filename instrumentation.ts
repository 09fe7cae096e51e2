/** Runs once when a Next server process starts, before it serves requests. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Only the Node server has sockets; the hook stamps each request's peer address for per-address limits.
    await (await import('@/lib/api/client-address')).installPeerAddressHook();
    // Events accepted before a restart (or by a process that crashed) are applied without waiting for a new one.
    (await import('@/server/context')).getInboxApplier().wake();
  }
}
