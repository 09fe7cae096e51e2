/** The dashboard's time axis: every chart for one date range. */
import { rangeSchema, dashboardTrends } from '@/server/services/dashboard-trends';
import { protectedProcedure, router } from '@/server/trpc';

export const trendsRouter = router({
  overview: protectedProcedure.input(rangeSchema).query(({ ctx, input }) => dashboardTrends(ctx.db, input)),
});
