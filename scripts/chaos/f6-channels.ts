/**
 * F6: Slack answers every message with 403 and the CRM takes each task request and never answers, across 100 hand-offs:
 * every SLA must still remind and escalate on time by email, with the Slack refusals recorded on the hand-off.
 */
import { inArray } from 'drizzle-orm';
import { handoffs } from '@/db/schema';
import { startWebhookReceiver } from '../fakes/webhook-receiver';
import { sleep, type ChaosContext } from './context';
import { describeStep, measureHandoffs, ON_TIME_MS, SLA, startHandoffs, useShortSla } from './handoffs';
import type { Row } from './table';

const HANDOFFS = Number(process.env.CHAOS_F6_HANDOFFS ?? 100);
const TOLERANCE_MS = ON_TIME_MS;

export async function f6Channels(ctx: ChaosContext): Promise<Row> {
  // Slack's answer to a revoked incoming webhook; the CRM never answers, so each attempt ends in the caller's timeout.
  const receiver = await startWebhookReceiver(0, { slack: { status: 403, body: 'invalid_token' }, crm: 'hang' });
  const faulty = { SLACK_WEBHOOK_URL: `${receiver.url}/slack/T0000/B0000/chaos`, CRM_WEBHOOK_URL: `${receiver.url}/crm/tasks`, OUTBOUND_ALLOW_ORIGINS: receiver.url };
  await ctx.worker.restart(faulty);
  const restoreSla = await useShortSla(ctx);
  try {
    const started = Date.now();
    const leads = await ctx.insertLeads(HANDOFFS, 'f6');
    const ids = await startHandoffs(ctx, leads, 'f6');
    const sla = await measureHandoffs(ctx, ids, { toleranceMs: TOLERANCE_MS, until: Date.now() + SLA.escalationMinutes * 60_000 + TOLERANCE_MS + 60_000 });

    // Slack runs beside the email on its own queue: its refusal of the last escalations may be recorded a moment after their emails arrived.
    let rows = sla.rows;
    const refusedIn = (list: typeof rows, kind: string) => list.filter((r) => r.channelLog.some((e) => e.kind === kind && e.channel === 'slack' && e.status === 'failed' && e.detail === 'rejected 403')).length;
    for (const deadline = Date.now() + 60_000; refusedIn(rows, 'escalation') < rows.length && Date.now() < deadline; ) {
      await sleep(2_000);
      rows = await ctx.db.select().from(handoffs).where(inArray(handoffs.id, ids));
    }
    const slackRefused = (kind: string) => refusedIn(rows, kind);
    const received = receiver.received();
    const crmHandoffs = new Set(received.filter((r) => r.path.startsWith('/crm')).map((r) => r.headers['idempotency-key'])).size;
    const problems: string[] = [];
    if (sla.reminders.early + sla.escalations.early) problems.push(`${sla.reminders.early + sla.escalations.early} SLA emails went out before their deadline`);
    if (sla.reminders.duplicated + sla.escalations.duplicated) problems.push(`${sla.reminders.duplicated + sla.escalations.duplicated} reminder/escalation emails sent twice`);
    const unrecorded = HANDOFFS - Math.min(slackRefused('reminder'), slackRefused('escalation'));
    if (unrecorded) problems.push(`${unrecorded} hand-offs lack "Slack: rejected 403" for their reminder or escalation`);
    return {
      scenario: `F6 Slack 403 + CRM timeout (${HANDOFFS} hand-offs)`,
      handoffs: sla.counts,
      seconds: Math.round((Date.now() - started) / 1000),
      details: [
        describeStep('reminders', sla.reminders, TOLERANCE_MS),
        describeStep('escalations', sla.escalations, TOLERANCE_MS),
        `Slack answered 403 to ${received.filter((r) => r.path.startsWith('/slack')).length} posts; "rejected 403" recorded on ${slackRefused('assigned')} assignments, ${slackRefused('reminder')} reminders, ${slackRefused('escalation')} escalations`,
        `CRM held ${received.filter((r) => r.path.startsWith('/crm')).length} task requests for ${crmHandoffs} hand-offs without answering (each attempt times out after 10 s and is retried)`,
      ],
      problems,
    };
  } finally {
    // Back to a worker without Slack or CRM, so the CRM retries still running end as skipped instead of hanging on.
    await restoreSla();
    await ctx.worker.restart();
    await receiver.close();
  }
}
