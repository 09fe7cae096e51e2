/** Settings: scoring rules (with their change log), stage thresholds, sending limits and the sales team. */
import { asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { salesOwners, scoringRuleChanges, scoringRules, settings } from '@/db/schema';
import { ruleConditionSchema } from '@/lib/scoring/rules';
import { loadDefaultEmailLocale } from '@/db/email-copy';
import { EMAIL_LOCALE_SETTING, EMAIL_LOCALES } from '@/lib/email/locales';
import { stageThresholdsSchema } from '@/lib/scoring/stages';
import { ruleWarnings } from '@/lib/scoring/validate';
import { loadScoringRules, loadThresholds } from '@/lib/scoring/load-rules';
import { loadJourneySettings } from '@/lib/journey/settings';
import { LOCALES } from '@/lib/i18n/locales';
import { loadOrgLocale, saveOrgLocale } from '@/server/services/locale';
import { notFound, protectedProcedure, router } from '@/server/trpc';

const ruleInput = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(['event', 'attribute']),
  eventType: z.string().trim().regex(/^[a-z0-9_.:-]+$/).optional(),
  condition: ruleConditionSchema.optional(),
  points: z.number().int().min(-1000).max(1000),
  oncePerLead: z.boolean().default(false),
  active: z.boolean().default(true),
});

export const settingsRouter = router({
  scoring: protectedProcedure.query(async ({ ctx }) => {
    const rules = await ctx.db.select().from(scoringRules).orderBy(asc(scoringRules.createdAt));
    const changes = await ctx.db.select().from(scoringRuleChanges).orderBy(desc(scoringRuleChanges.id)).limit(50);
    return { rules, changes, thresholds: await loadThresholds(ctx.db), warnings: ruleWarnings(await loadScoringRules(ctx.db)) };
  }),

  saveRule: protectedProcedure.input(ruleInput.extend({ id: z.string().uuid().optional() })).mutation(async ({ ctx, input }) => {
    const { id, ...values } = input;
    const row = { ...values, eventType: values.eventType ?? null, condition: (values.condition as Record<string, unknown> | undefined) ?? null };
    return ctx.db.transaction(async (tx) => {
      if (!id) {
        const [created] = await tx.insert(scoringRules).values(row).returning();
        await tx.insert(scoringRuleChanges).values({ ruleId: created!.id, before: null, after: created, changedById: ctx.user.id, changedByName: ctx.user.name });
        return created!;
      }
      const [before] = await tx.select().from(scoringRules).where(eq(scoringRules.id, id));
      if (!before) notFound('scoring rule');
      const [after] = await tx.update(scoringRules).set({ ...row, updatedAt: new Date() }).where(eq(scoringRules.id, id)).returning();
      await tx.insert(scoringRuleChanges).values({ ruleId: id, before, after, changedById: ctx.user.id, changedByName: ctx.user.name });
      return after!;
    });
  }),

  saveThresholds: protectedProcedure.input(stageThresholdsSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.insert(settings).values({ key: 'stage_thresholds', value: input }).onConflictDoUpdate({ target: settings.key, set: { value: input, updatedAt: new Date() } });
    return input;
  }),

  sending: protectedProcedure.query(async ({ ctx }) => loadJourneySettings(ctx.db)),

  /** The SPEC's "never more than 3 emails to one lead in 24 h"; new runs and every send read it. */
  saveSending: protectedProcedure.input(z.object({ maxEmailsPer24h: z.number().int().min(1).max(50) })).mutation(async ({ ctx, input }) => {
    await ctx.db
      .insert(settings)
      .values({ key: 'max_emails_per_24h', value: input.maxEmailsPer24h })
      .onConflictDoUpdate({ target: settings.key, set: { value: input.maxEmailsPer24h, updatedAt: new Date() } });
    return input;
  }),

  /** The language a lead without one of its own is mailed in (and sales notifications are written in). */
  emailLanguage: protectedProcedure.query(async ({ ctx }) => ({ locale: await loadDefaultEmailLocale(ctx.db) })),

  saveEmailLanguage: protectedProcedure.input(z.object({ locale: z.enum(EMAIL_LOCALES) })).mutation(async ({ ctx, input }) => {
    await ctx.db
      .insert(settings)
      .values({ key: EMAIL_LOCALE_SETTING, value: input.locale })
      .onConflictDoUpdate({ target: settings.key, set: { value: input.locale, updatedAt: new Date() } });
    return input;
  }),

  owners: protectedProcedure.query(({ ctx }) => ctx.db.select().from(salesOwners).orderBy(asc(salesOwners.handle))),

  saveOwner: protectedProcedure
    .input(
      z.object({
        id: z.string().uuid().optional(),
        handle: z.string().trim().min(1).max(60).regex(/^[a-z0-9._-]+$/i),
        name: z.string().trim().min(1).max(120),
        email: z.string().trim().email(),
        managerEmail: z.string().trim().email().optional(),
        active: z.boolean().default(true),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...values } = input;
      if (id) return (await ctx.db.update(salesOwners).set(values).where(eq(salesOwners.id, id)).returning())[0] ?? notFound('sales owner');
      return (await ctx.db.insert(salesOwners).values(values).returning())[0]!;
    }),

  /** The org's default UI language; null leaves each person's browser to decide. */
  language: protectedProcedure.query(async ({ ctx }) => ({ locale: await loadOrgLocale(ctx.db) })),

  saveLanguage: protectedProcedure.input(z.object({ locale: z.enum(LOCALES).nullable() })).mutation(({ ctx, input }) => saveOrgLocale(ctx.db, input.locale)),
});
