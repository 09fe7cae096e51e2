/** Email blasts from the product: preview an audience, start a blast once per confirmed request, list them with live counts, cancel one. */
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '@/db/client';
import { loadDefaultEmailLocale } from '@/db/email-copy';
import { blasts, leads, messages, type BlastStatus } from '@/db/schema';
import { audienceWhere, countAudience } from '@/lib/blasts/audience';
import { blastWorkflowId, type BlastAudience, type BlastInput, type BlastTotals } from '@/lib/journey/contract';
import { InputError } from './input-error';
import { listTemplates } from './email-templates';

export interface BlastDeps {
  client: () => Promise<Client>;
  taskQueue: string;
  now?: () => Date;
}

export interface StartBlastRequest {
  requestId: string;
  name: string;
  template: string;
  audience: BlastAudience;
}

const SAMPLE = 5;
const LISTED = 50;

/**
 * Empty filters mean "any": an audience names only the fields the marketer set. A language filter also takes in leads
 * with no language of their own when the org's default is that language, decided here once so every page agrees.
 */
async function resolve(db: Db, a: BlastAudience): Promise<BlastAudience> {
  const unset = a.language ? (await loadDefaultEmailLocale(db)) === a.language : false;
  return {
    ...(a.source ? { source: a.source } : {}),
    ...(a.stage ? { stage: a.stage } : {}),
    ...(a.tag ? { tag: a.tag } : {}),
    ...(a.language ? { language: a.language, unsetLanguage: unset } : {}),
  };
}

/** What the audience picker offers: marketing templates that can be sent, and the sources and tags leads have. */
export async function blastOptions(db: Db) {
  const [templates, sources, tags] = await Promise.all([
    listTemplates(db),
    db.selectDistinct({ source: leads.source }).from(leads).orderBy(leads.source).limit(200),
    db.execute<{ tag: string }>(sql`select distinct unnest(${leads.tags}) as tag from ${leads} order by 1 limit 200`),
  ]);
  return {
    templates: templates.filter((t) => t.kind === 'marketing').map((t) => ({ key: t.key, label: t.label, custom: t.custom })),
    sources: sources.map((s) => s.source),
    tags: [...tags].map((t) => t.tag),
  };
}

/** The count and a few leads the blast would reach if it started now, through the same filter its pages use. */
export async function previewAudience(db: Db, audience: BlastAudience, at = new Date()) {
  const a = await resolve(db, audience);
  const [count, sample] = await Promise.all([
    countAudience(db, a, at),
    db
      .select({ id: leads.id, email: leads.email, firstName: leads.firstName, lastName: leads.lastName, source: leads.source, stage: leads.stage })
      .from(leads)
      .where(audienceWhere(a, at))
      .orderBy(desc(leads.createdAt))
      .limit(SAMPLE),
  ]);
  return { count, sample };
}

async function sendableTemplate(db: Db, key: string): Promise<void> {
  const t = (await listTemplates(db)).find((x) => x.key === key);
  if (!t) throw new InputError('template', `"${key}" is not a template (or it is archived)`);
  if (t.kind !== 'marketing') throw new InputError('template', `"${key}" is a sales notification, not a marketing email`);
}

async function launch(db: Db, deps: BlastDeps, row: typeof blasts.$inferSelect): Promise<void> {
  const input: BlastInput = { blastId: row.id, template: row.template, audience: row.audience, startedAt: row.startedAt.toISOString() };
  try {
    // REJECT_DUPLICATE: a repeated request after the blast finished must not send it again.
    await (await deps.client()).workflow.start('emailBlastWorkflow', { workflowId: blastWorkflowId(row.id), taskQueue: deps.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    const error = `could not start: ${err instanceof Error ? err.message : String(err)}`;
    await db.update(blasts).set({ status: 'failed', error, finishedAt: new Date() }).where(eq(blasts.id, row.id));
    throw err;
  }
}

/** Starts the blast, or returns the one this request already started: the same requestId never sends twice. */
export async function startBlast(db: Db, deps: BlastDeps, req: StartBlastRequest, by: { id: string | null; email: string | null }) {
  const audience = await resolve(db, req.audience);
  const [existing] = await db.select().from(blasts).where(eq(blasts.requestId, req.requestId));
  if (existing) return repeat(db, deps, existing, req, audience);
  await sendableTemplate(db, req.template);
  const startedAt = (deps.now ?? (() => new Date()))();
  const audienceCount = await countAudience(db, audience, startedAt);
  if (audienceCount === 0) throw new InputError('audience', 'matches no leads that can be mailed');
  const [row] = await db
    .insert(blasts)
    .values({ requestId: req.requestId, name: req.name, template: req.template, audience, audienceCount, startedAt, createdBy: by.id, createdByEmail: by.email })
    .onConflictDoNothing({ target: blasts.requestId })
    .returning();
  if (!row) {
    const [raced] = await db.select().from(blasts).where(eq(blasts.requestId, req.requestId));
    return repeat(db, deps, raced!, req, audience);
  }
  await launch(db, deps, row);
  return { id: row.id, workflowId: blastWorkflowId(row.id), audienceCount };
}

async function repeat(db: Db, deps: BlastDeps, row: typeof blasts.$inferSelect, req: StartBlastRequest, audience: BlastAudience) {
  const same = (['source', 'stage', 'tag', 'language'] as const).every((k) => (row.audience[k] ?? null) === (audience[k] ?? null));
  if (row.template !== req.template || !same) {
    throw new InputError('requestId', 'was already used for a different blast', 'conflict');
  }
  // The first request may have died between its row and its workflow: start it now (a started one is left alone).
  if (row.status === 'running') await launch(db, deps, row);
  return { id: row.id, workflowId: blastWorkflowId(row.id), audienceCount: row.audienceCount };
}

const FINAL: Record<string, BlastStatus> = { COMPLETED: 'completed', CANCELLED: 'cancelled', FAILED: 'failed', TERMINATED: 'failed', TIMED_OUT: 'failed' };

/** Brings a running row in line with its workflow once that closed; Temporal being unreachable leaves it as it was. */
async function reconcile(db: Db, client: Client, row: typeof blasts.$inferSelect): Promise<typeof blasts.$inferSelect> {
  const handle = client.workflow.getHandle(blastWorkflowId(row.id));
  let status: BlastStatus | undefined;
  let closedAt: Date | undefined;
  let totals: BlastTotals | null = null;
  let error: string | null = null;
  try {
    const d = await handle.describe();
    status = FINAL[d.status.name];
    if (!status) return row;
    closedAt = d.closeTime ?? new Date();
    if (status === 'completed') totals = (await handle.result()) as BlastTotals;
    if (status === 'failed') error = `the blast workflow ${d.status.name.toLowerCase().replace('_', ' ')}`;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) return row;
    [status, closedAt, error] = ['failed', new Date(), 'the blast workflow is gone from Temporal'];
  }
  const [updated] = await db
    .update(blasts)
    .set({ status, totals, error, finishedAt: closedAt })
    .where(sql`${blasts.id} = ${row.id} and ${blasts.status} = 'running'`)
    .returning();
  return updated ?? row;
}

const sum = (pages: Record<string, BlastTotals>, k: keyof BlastTotals) => Object.values(pages).reduce((n, p) => n + (p[k] ?? 0), 0);

/** Recent blasts, newest first, with where each stands: processed of the audience, and what happened to its mail. */
export async function listBlasts(db: Db, client: () => Promise<Client>) {
  let rows = await db.select().from(blasts).orderBy(desc(blasts.startedAt)).limit(LISTED);
  if (rows.some((r) => r.status === 'running')) {
    const c = await client().catch(() => null);
    if (c) rows = await Promise.all(rows.map(async (r) => (r.status === 'running' ? reconcile(db, c, r) : r)));
  }
  const ids = rows.map((r) => blastWorkflowId(r.id));
  const mail = ids.length
    ? await db
        .select({
          workflowId: messages.workflowId,
          delivered: sql<number>`count(*) filter (where ${messages.status} in ('delivered', 'opened', 'clicked', 'complained'))::int`,
          opened: sql<number>`count(*) filter (where ${messages.status} in ('opened', 'clicked'))::int`,
          clicked: sql<number>`count(*) filter (where ${messages.status} = 'clicked')::int`,
          bounced: sql<number>`count(*) filter (where ${messages.status} in ('bounced', 'soft_bounced'))::int`,
        })
        .from(messages)
        .where(inArray(messages.workflowId, ids))
        .groupBy(messages.workflowId)
    : [];
  const byWorkflow = new Map(mail.map((m) => [m.workflowId, m]));
  const templates = new Map((await listTemplates(db, { includeArchived: true })).map((t) => [t.key, { key: t.key, label: t.label, custom: t.custom }]));
  return rows.map((r) => {
    const sent = sum(r.progress, 'sent');
    const skipped = sum(r.progress, 'skipped');
    const overLimit = sum(r.progress, 'overLimit');
    const failed = sum(r.progress, 'failed');
    const m = byWorkflow.get(blastWorkflowId(r.id));
    return {
      id: r.id,
      name: r.name,
      template: templates.get(r.template) ?? { key: r.template, label: r.template, custom: true },
      audience: r.audience,
      audienceCount: r.audienceCount,
      status: r.status,
      error: r.error,
      createdByEmail: r.createdByEmail,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      processed: sent + skipped + overLimit + failed,
      sent,
      skipped,
      overLimit,
      failed,
      delivered: m?.delivered ?? 0,
      opened: m?.opened ?? 0,
      clicked: m?.clicked ?? 0,
      bounced: m?.bounced ?? 0,
    };
  });
}

/** Stops a running blast between pages: the page in flight finishes, mail already sent stays sent, no further page starts. */
export async function cancelBlast(db: Db, client: () => Promise<Client>, id: string, by: { email: string | null }) {
  const [row] = await db.select().from(blasts).where(eq(blasts.id, id));
  if (!row) throw new InputError('id', 'no such blast', 'not_found');
  if (row.status !== 'running') throw new InputError('id', `the blast is already ${row.status}`, 'conflict');
  try {
    await (await client()).workflow.getHandle(blastWorkflowId(id)).cancel();
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // It closed before the request arrived: report what it really did.
    const now = await reconcile(db, await client(), row);
    throw new InputError('id', `the blast is already ${now.status}`, 'conflict');
  }
  await db.update(blasts).set({ status: 'cancelled', cancelledBy: by.email, finishedAt: new Date() }).where(eq(blasts.id, id));
  return { id, workflowId: blastWorkflowId(id) };
}
