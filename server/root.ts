/** The app's tRPC router: one router per domain. */
import { journeysRouter } from './routers/journeys';
import { leadsRouter } from './routers/leads';
import { settingsRouter } from './routers/settings';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  journeys: journeysRouter,
  leads: leadsRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
