/** Runs once when a Next server process starts, before it serves requests. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Events accepted before a restart (or by a process that crashed) are applied without waiting for a new one.
    (await import('@/server/context')).getInboxApplier().wake();
  }
}
