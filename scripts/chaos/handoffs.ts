/** Hand-off helpers shared by F2 and F6: start real SLA runs with short minutes, then count each reminder and escalation email and when it reached the sink. */
import { eq, inArray, sql } from 'drizzle-orm';
import { handoffs, messages, settings } from '@/db/schema';
import { sleep, type ChaosContext } from './context';
import type { HandoffCounts } from './table';

/** Reminder at 1 minute, escalation at 2: the shortest whole minutes a hand-off can carry. */
export const SLA = { slaMinutes: 1, escalationMinutes: 2 } as const;

export interface StepCount {
  expected: number;
  /** Hand-offs whose email reached the sink at least once. */
  sent: number;
  /** Of those, reached the sink no earlier than the deadline and no later than deadline + tolerance. */
  onTime: number;
  early: number;
  duplicated: number;
  /** Seconds from deadline to the first copy's arrival, per hand-off that sent one (sorted). */
  delays: number[];
}

export interface HandoffEffects {
  counts: HandoffCounts;
  reminders: StepCount;
  escalations: StepCount;
  /** The hand-off rows, for scenario-specific checks (channel log, reminder count). */
  rows: (typeof handoffs.$inferSelect)[];
}

/** The SLA minutes POST /api/handoff falls back to (escalation is max(setting, 2 × SLA)); returns a function that puts the old setting back. */
export async function useShortSla(ctx: ChaosContext): Promise<() => Promise<void>> {
  const [before] = await ctx.db.select().from(settings).where(eq(settings.key, 'handoff_sla'));
  await ctx.db
    .insert(settings)
    .values({ key: 'handoff_sla', value: SLA })
    .onConflictDoUpdate({ target: settings.key, set: { value: SLA, updatedAt: new Date() } });
  return async () => {
    if (before) await ctx.db.update(settings).set({ value: before.value, updatedAt: new Date() }).where(eq(settings.key, 'handoff_sla'));
    else await ctx.db.delete(settings).where(eq(settings.key, 'handoff_sla'));
  };
}

/** One hand-off per lead through the service behind POST /api/handoff (row + SLA workflow with notify), a few at a time. */
export async function startHandoffs(ctx: ChaosContext, leadIds: string[], tag: string): Promise<string[]> {
  const { startManualHandoff } = await import('@/server/services/manual-handoff');
  const ids: string[] = new Array<string>(leadIds.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < leadIds.length) {
        const i = next++;
        const h = await startManualHandoff(ctx.db, ctx.client, { lead_id: leadIds[i]!, reason: `chaos ${tag}`, sla_minutes: SLA.slaMinutes }, `chaos-${tag}-${leadIds[i]}`);
        ids[i] = h.id;
      }
    }),
  );
  return ids;
}

type SinkCopy = { count: number; firstAt: number };

/** The sink's copies of each messages row (by its message_id tag): how many, and when the first arrived. */
export async function sinkCopies(ctx: ChaosContext): Promise<Map<string, SinkCopy>> {
  const all = (await (await fetch(`${ctx.sink}/_sink/messages`)).json()) as { data: { created_at: string; tags?: { name: string; value: string }[] }[] };
  const copies = new Map<string, SinkCopy>();
  for (const m of all.data) {
    const id = m.tags?.find((t) => t.name === 'message_id')?.value;
    if (!id) continue;
    const at = Date.parse(m.created_at);
    const c = copies.get(id);
    if (c) Object.assign(c, { count: c.count + 1, firstAt: Math.min(c.firstAt, at) });
    else copies.set(id, { count: 1, firstAt: at });
  }
  return copies;
}

const TEMPLATE = { reminder: 'sales-sla-reminder', escalation: 'sales-escalation' } as const;

/** Waits until every hand-off's reminder and escalation reached the sink (or `until`), then counts them against their deadlines. */
export async function measureHandoffs(ctx: ChaosContext, handoffIds: string[], opts: { toleranceMs: number; until: number }): Promise<HandoffEffects> {
  const load = async () => {
    const rows = await ctx.db.select().from(handoffs).where(inArray(handoffs.id, handoffIds));
    const leadIds = rows.map((r) => r.leadId);
    const mail = leadIds.length
      ? await ctx.db
          .select({ id: messages.id, leadId: messages.leadId, template: messages.template })
          .from(messages)
          .where(sql`${inArray(messages.leadId, leadIds)} and ${messages.kind} = 'sales' and ${inArray(messages.template, Object.values(TEMPLATE))}`)
      : [];
    return { rows, mail, copies: await sinkCopies(ctx) };
  };
  let state = await load();
  const complete = (s: typeof state) => s.mail.filter((m) => s.copies.has(m.id)).length >= handoffIds.length * 2;
  while (Date.now() < opts.until && !complete(state)) {
    await sleep(2_000);
    state = await load();
  }

  const { rows, mail, copies } = state;
  const count = (kind: keyof typeof TEMPLATE, minutes: (r: (typeof rows)[number]) => number) => {
    const step: StepCount = { expected: rows.length, sent: 0, onTime: 0, early: 0, duplicated: 0, delays: [] };
    const okIds = new Set<string>();
    for (const r of rows) {
      const mine = mail.filter((m) => m.leadId === r.leadId && m.template === TEMPLATE[kind]);
      const arrived = mine.flatMap((m) => (copies.has(m.id) ? [copies.get(m.id)!] : []));
      step.duplicated += Math.max(0, mine.length - 1) + arrived.reduce((n, c) => n + c.count - 1, 0);
      if (!arrived.length) continue;
      step.sent++;
      const due = r.createdAt.getTime() + minutes(r) * 60_000;
      const first = Math.min(...arrived.map((c) => c.firstAt));
      step.delays.push((first - due) / 1000);
      if (first < due) step.early++;
      else if (first <= due + opts.toleranceMs) {
        step.onTime++;
        okIds.add(r.id);
      }
    }
    step.delays.sort((a, b) => a - b);
    return { step, okIds };
  };
  const reminders = count('reminder', (r) => r.slaMinutes);
  const escalations = count('escalation', (r) => Math.max(r.escalationMinutes, r.slaMinutes));
  const remindedIds = new Set(rows.filter((r) => mail.some((m) => m.leadId === r.leadId && m.template === TEMPLATE.reminder && copies.has(m.id))).map((r) => r.id));
  const escalatedIds = new Set(rows.filter((r) => mail.some((m) => m.leadId === r.leadId && m.template === TEMPLATE.escalation && copies.has(m.id))).map((r) => r.id));
  const notified = handoffIds.filter((id) => remindedIds.has(id) && escalatedIds.has(id)).length;
  const late = handoffIds.filter((id) => !(reminders.okIds.has(id) && escalations.okIds.has(id))).length;
  return { counts: { expected: handoffIds.length, notified, late }, reminders: reminders.step, escalations: escalations.step, rows };
}

export const describeStep = (name: string, s: StepCount, toleranceMs: number) => {
  const at = (q: number) => (s.delays.length ? `${s.delays[Math.min(s.delays.length - 1, Math.floor(q * s.delays.length))]!.toFixed(1)} s` : '–');
  return `${name} ${s.onTime}/${s.expected} on time (within ${toleranceMs / 1000} s of the deadline), ${s.sent} sent, ${s.early} early, ${s.duplicated} duplicated; after the deadline: median ${at(0.5)}, p95 ${at(0.95)}, max ${at(1)}`;
};

/** How far past its deadline a notification may reach the sink and still count as on time (the box is shared: 2 cores). */
export const ON_TIME_MS = Number(process.env.CHAOS_ON_TIME_MS ?? 60_000);
