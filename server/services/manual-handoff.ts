/** POST /api/handoff's logic: create the hand-off now and start its durable SLA workflow. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Db } from '@/db/client';
import { leads, settings } from '@/db/schema';
import { HttpError } from '@/lib/api/http';
import { env } from '@/lib/env';
import { handoffWorkflowId, salesTaskQueue } from '@/lib/journey/contract';
import { createHandoff, NoOwnerError, slaWorkflowInput } from '@/lib/handoffs';
import { isUuid } from '@/lib/ids';
import type { HandoffRequest } from '@/lib/api/schemas';

export { handoffRequestSchema } from '@/lib/api/schemas';

export async function handoffSla(db: Db): Promise<{ slaMinutes: number; escalationMinutes: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'handoff_sla'));
  const value = (row?.value ?? {}) as { slaMinutes?: number; escalationMinutes?: number };
  return { slaMinutes: value.slaMinutes ?? 15, escalationMinutes: value.escalationMinutes ?? 30 };
}

export async function startManualHandoff(db: Db, client: Client, input: HandoffRequest, requestKey?: string) {
  if (!isUuid(input.lead_id)) throw new HttpError(404, `lead_id: no lead with id ${input.lead_id}`, 'lead_id');
  const [lead] = await db.select({ id: leads.id }).from(leads).where(eq(leads.id, input.lead_id));
  if (!lead) throw new HttpError(404, `lead_id: no lead with id ${input.lead_id}`, 'lead_id');
  const sla = await handoffSla(db);
  const slaMinutes = input.sla_minutes ?? sla.slaMinutes;
  let result;
  try {
    result = await createHandoff(db, {
      requestKey: `api:${requestKey ?? randomUUID()}`,
      leadId: lead.id,
      workflowId: (id) => handoffWorkflowId(lead.id, id),
      reason: input.reason,
      owner: input.sales_owner ? { mode: 'handle', handle: input.sales_owner } : { mode: 'round_robin' },
      slaMinutes,
      escalationMinutes: Math.max(sla.escalationMinutes, slaMinutes * 2),
    });
  } catch (err) {
    if (err instanceof NoOwnerError) throw new HttpError(input.sales_owner ? 404 : 409, `sales_owner: ${err.message}`, 'sales_owner');
    throw err;
  }
  const { handoff } = result;
  // Idempotent: a retried request finds the workflow already started.
  await client.workflow
    .start('handoffSlaWorkflow', { workflowId: handoff.workflowId, taskQueue: salesTaskQueue(env().TEMPORAL_TASK_QUEUE), args: [slaWorkflowInput(handoff)] })
    .catch((err: unknown) => {
      if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
    });
  return handoff;
}
