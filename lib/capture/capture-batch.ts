/**
 * Captures many leads in a few multi-row statements (for CSV import) with exactly the outcome of calling captureLead
 * for each input in order: new leads are inserted whole, known ones filled where empty, touchpoints keyed the same,
 * capture events, fit scores and journey entries written alike. An email seen twice is handled in a later round, as
 * the second of two sequential calls would be.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { journeyRuns, leadEvents, leads, leadTouchpoints, scoreChanges } from '@/db/schema';
import { journeyWorkflowId, type LeadEventSignal } from '@/lib/journey/contract';
import { fitPoints } from '@/lib/scoring/evaluate';
import { stageFor } from '@/lib/scoring/stages';
import { captureKey, newLeadRow, splitName, touchpointRow, type CaptureLeadInput, type CaptureOptions, type CaptureResult } from './capture-lead';
import { ingestConfig, type IngestConfig } from './ingest-config';
import { enqueueSignals, type RunTarget, type Tx } from '@/lib/journey/targets';
import { decideEnrolment, groupOf, type LeadFacts } from '@/lib/journey/enrolment';

/** Rows per statement: well under Postgres's 65,535 bind parameters for every table written here. */
const SLICE = 500;

async function inSlices<T, R>(items: T[], fn: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(...(await fn(items.slice(i, i + SLICE))));
  return out;
}

export async function captureLeads(db: Db, inputs: CaptureLeadInput[], opts: CaptureOptions = {}): Promise<CaptureResult[]> {
  const config = await ingestConfig(db);
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, i) => {
    const k = seen.get(input.email) ?? 0;
    seen.set(input.email, k + 1);
    (rounds[k] ??= []).push(i);
  });
  const results: CaptureResult[] = new Array<CaptureResult>(inputs.length);
  for (const round of rounds) {
    const captured = await captureRound(db, round.map((i) => inputs[i]!), config, opts);
    round.forEach((i, j) => (results[i] = captured[j]!));
  }
  return results;
}

/** One transaction for inputs with distinct emails. */
function captureRound(db: Db, inputs: CaptureLeadInput[], config: IngestConfig, opts: CaptureOptions): Promise<CaptureResult[]> {
  return db.transaction(async (tx) => {
    const inserted = await inSlices(inputs, (slice) =>
      tx
        .insert(leads)
        .values(slice.map((input) => newLeadRow(input)))
        .onConflictDoNothing({ target: leads.email })
        .returning({ id: leads.id, email: leads.email }),
    );
    const idByEmail = new Map(inserted.map((r) => [r.email, r.id]));
    const created = new Set(idByEmail.keys());

    const known = inputs.map((input) => ({ input, name: splitName(input) })).filter(({ input }) => !created.has(input.email));
    const merged = await inSlices(known, (slice) => mergeKnown(tx, slice));
    for (const r of merged) idByEmail.set(r.email, r.id);

    const touched = await inSlices(inputs, (slice) =>
      tx
        .insert(leadTouchpoints)
        .values(
          slice.map((input) => touchpointRow(idByEmail.get(input.email)!, input)),
        )
        .onConflictDoNothing()
        .returning({ captureKey: leadTouchpoints.captureKey }),
    );
    const newTouch = new Set(touched.map((t) => t.captureKey));

    const outbox = await scoreAndEnter(tx, inputs.filter((input) => created.has(input.email)), idByEmail, config, opts);
    return inputs.map((input) => {
      const leadId = idByEmail.get(input.email)!;
      return { leadId, created: created.has(input.email), touchpointCreated: newTouch.has(captureKey(input.email, input.source)), outboxIds: outbox.get(leadId) ?? [] };
    });
  });
}

/** A known lead: fill what we did not know, never overwrite what we did (captureLead's merge, one statement for many). */
async function mergeKnown(tx: Tx, rows: { input: CaptureLeadInput; name: ReturnType<typeof splitName> }[]): Promise<{ id: string; email: string }[]> {
  const values = rows.map(({ input, name }) => ({
    email: input.email,
    first_name: name.firstName,
    last_name: name.lastName,
    name_order: name.nameOrder,
    phone: input.phone ?? null,
    company: input.company ?? null,
    job_title: input.job_title ?? null,
    company_size: input.company_size ?? null,
    locale: input.language ?? input.locale ?? null,
    properties: input.properties,
  }));
  return tx.execute<{ id: string; email: string }>(sql`
    update leads l set
      first_name = coalesce(l.first_name, v.first_name),
      last_name = coalesce(l.last_name, v.last_name),
      name_order = case when l.first_name is null and l.last_name is null then v.name_order else l.name_order end,
      phone = coalesce(l.phone, v.phone),
      company = coalesce(l.company, v.company),
      job_title = coalesce(l.job_title, v.job_title),
      company_size = coalesce(l.company_size, v.company_size),
      locale = coalesce(l.locale, v.locale),
      properties = v.properties || l.properties,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(email text, first_name text, last_name text, name_order text, phone text, company text, job_title text, company_size int, locale text, properties jsonb)
    where l.email = v.email
    returning l.id, l.email`);
}

/** New leads: the capture event with fit points, the score trail, the stage, and entry into capture-triggered journeys. */
async function scoreAndEnter(tx: Tx, fresh: CaptureLeadInput[], idByEmail: Map<string, string>, config: IngestConfig, opts: CaptureOptions): Promise<Map<string, number[]>> {
  const outbox = new Map<string, number[]>();
  if (fresh.length === 0) return outbox;
  const scored = fresh.map((input) => {
    const leadId = idByEmail.get(input.email)!;
    const fit = fitPoints(config.rules, { jobTitle: input.job_title ?? null, company: input.company ?? null, companySize: input.company_size ?? null, source: input.source, properties: input.properties });
    const stage = stageFor(fit.points, config.thresholds);
    return { input, leadId, fit, score: fit.points, stage, eventId: `capture:${leadId}` };
  });
  const events = await inSlices(scored, (slice) =>
    tx
      .insert(leadEvents)
      .values(slice.map((s) => ({ eventId: s.eventId, leadId: s.leadId, type: 'lead_captured', properties: { source: s.input.source }, points: s.score, scoreAfter: s.score })))
      .returning({ leadId: leadEvents.leadId, seq: leadEvents.seq, occurredAt: leadEvents.occurredAt }),
  );
  const changes = scored.flatMap((s) => {
    let running = 0;
    return s.fit.applied.map((a) => ({ leadId: s.leadId, eventId: s.eventId, ruleId: a.ruleId ?? null, ruleName: a.ruleName, points: a.points, scoreAfter: (running += a.points) }));
  });
  await inSlices(changes, async (slice) => {
    await tx.insert(scoreChanges).values(slice);
    return [];
  });
  const moved = scored.filter((s) => s.score !== 0).map((s) => ({ id: s.leadId, score: s.score, stage: s.stage, is_hot: s.stage === 'hot' }));
  if (moved.length > 0) {
    await tx.execute(sql`
      update leads l set score = v.score, stage = v.stage, is_hot = v.is_hot
      from jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) as v(id uuid, score int, stage text, is_hot boolean)
      where l.id = v.id`);
  }
  if (opts.enterJourneys === false) return outbox;

  const entering = config.journeys.filter((j) => j.trigger.on === 'lead_captured');
  if (entering.length === 0) return outbox;
  // New leads have no past runs: entry conditions and priority groups decide alone, as in captureLead.
  const now = new Date();
  const runs = scored.flatMap((s) => {
    const row = newLeadRow(s.input);
    const facts: LeadFacts = {
      id: s.leadId, email: row.email, firstName: row.firstName, lastName: row.lastName, company: row.company ?? null, jobTitle: row.jobTitle ?? null,
      companySize: row.companySize ?? null, properties: row.properties ?? {}, score: s.score, stage: s.stage, lifecycle: 'lead', lastAction: null, tags: [], archived: false, source: s.input.source,
    };
    return decideEnrolment(facts, entering, [], now).enter.map(({ journey: j }) => ({
      leadId: s.leadId,
      journeyId: j.journeyId,
      journeyVersion: j.version,
      workflowId: journeyWorkflowId(s.leadId, j.journeyId),
      priorityGroup: groupOf(j.trigger),
    }));
  });
  const targets: RunTarget[] = await inSlices(runs, (slice) =>
    tx.insert(journeyRuns).values(slice).onConflictDoNothing().returning({ leadId: journeyRuns.leadId, journeyId: journeyRuns.journeyId, journeyVersion: journeyRuns.journeyVersion, workflowId: journeyRuns.workflowId }),
  );
  const eventOf = new Map(events.map((e) => [e.leadId, e]));
  const byLead = new Map(scored.map((s) => [s.leadId, s]));
  const items = targets.map((target) => {
    const s = byLead.get(target.leadId)!;
    const e = eventOf.get(target.leadId)!;
    const signal: LeadEventSignal = { eventId: s.eventId, type: 'lead_captured', occurredAt: e.occurredAt.toISOString(), seq: e.seq, score: s.score, stage: s.stage, isHot: s.stage === 'hot', properties: { source: s.input.source } };
    return { target, signal };
  });
  const ids = await inSlices(items, (slice) => enqueueSignals(tx, slice));
  // enqueueSignals returns ids in the order of its rows (one multi-row INSERT … RETURNING).
  items.forEach((item, i) => outbox.set(item.target.leadId, [...(outbox.get(item.target.leadId) ?? []), ids[i]!]));
  return outbox;
}
