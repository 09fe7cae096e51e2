/** The app's tRPC router: one router per domain. */
import { auditRouter } from './routers/audit';
import { blastsRouter } from './routers/blasts';
import { dashboardRouter } from './routers/dashboard';
import { deskRouter } from './routers/desk';
import { emailsRouter } from './routers/emails';
import { experimentsRouter } from './routers/experiments';
import { formsRouter } from './routers/forms';
import { importsRouter } from './routers/imports';
import { journeysRouter } from './routers/journeys';
import { leadsRouter } from './routers/leads';
import { meRouter } from './routers/me';
import { runsRouter } from './routers/runs';
import { settingsRouter } from './routers/settings';
import { trendsRouter } from './routers/trends';
import { usersRouter } from './routers/users';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  audit: auditRouter,
  blasts: blastsRouter,
  dashboard: dashboardRouter,
  desk: deskRouter,
  emails: emailsRouter,
  experiments: experimentsRouter,
  forms: formsRouter,
  imports: importsRouter,
  journeys: journeysRouter,
  leads: leadsRouter,
  me: meRouter,
  runs: runsRouter,
  settings: settingsRouter,
  trends: trendsRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
