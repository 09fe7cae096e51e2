/** Journey activities on Postgres: steps, lead snapshot and updates, run position, hand-off start, webhook nodes. */
import { ApplicationFailure } from "@temporalio/common";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { journeyRuns, journeySteps, leads } from "@/db/schema";
import {
  createHandoff,
  NoOwnerError,
  recentHandoff,
} from "@/lib/handoffs";
import { reachGoalsFrom } from "@/lib/journey/goals";
import type { Tx } from "@/lib/journey/targets";
import { handoffWorkflowId } from "@/lib/journey/contract";
import type {
  BookkeepingActivities,
  JourneyActivities,
  LeadEventSignal,
  LeadSnapshot,
} from "../../lib/journey/contract";
import { postSigned, type WebhookDeps } from "./webhooks";

/** Lifecycle stages in funnel order (single digits, so text comparison is numeric comparison). */
const LIFECYCLE_RANK = sql`'{"lead":"0","mql":"1","sql":"2","opportunity":"3","customer":"4"}'::jsonb`;

/** The update_lead step's write: stage, lifecycle (forward only), tags, archive. */
async function setLead(
  db: Db | Tx,
  input: Parameters<JourneyActivities["updateLead"]>[0],
): Promise<void> {
  await db
    .update(leads)
    .set({
      ...(input.stage
        ? { stage: input.stage, isHot: input.stage === "hot" }
        : {}),
      // The funnel only moves forward: a journey's "Flag as hot" (mql) must not undo a hand-off's sql.
      ...(input.lifecycle
        ? {
            lifecycle: sql`case when ${LIFECYCLE_RANK}->>${leads.lifecycle}::text >= ${LIFECYCLE_RANK}->>${input.lifecycle}::text then ${leads.lifecycle} else ${input.lifecycle} end`,
          }
        : {}),
      ...(input.addTags?.length
        ? {
            tags: sql`(select array(select distinct unnest(${leads.tags} || ${input.addTags}::text[])))`,
          }
        : {}),
      ...(input.archive
        ? { archivedAt: sql`coalesce(${leads.archivedAt}, now())` }
        : {}),
      updatedAt: new Date(),
    })
    .where(eq(leads.id, input.leadId));
}

export interface JourneyActivityDeps extends WebhookDeps {
  db: Db;
}

export function createJourneyActivities(
  deps: JourneyActivityDeps,
): Omit<JourneyActivities, "sendEmail"> & BookkeepingActivities {
  const { db } = deps;
  return {
    async recordStep(input) {
      await db
        .insert(journeySteps)
        .values({
          workflowId: input.workflowId,
          leadId: input.leadId,
          journeyId: input.journeyId,
          journeyVersion: input.journeyVersion,
          nodeId: input.nodeId,
          kind: input.kind,
          stepKey: `${input.workflowId}:${input.nodeId}:${input.visit}`,
          detail: input.detail,
        })
        .onConflictDoUpdate({
          target: journeySteps.stepKey,
          set: { detail: input.detail },
        });
      // The latest step is where the run is: the lead page and canvas overlay read this mirror.
      await db
        .update(journeyRuns)
        .set({
          currentNode: input.nodeId,
          status: "running",
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(journeyRuns.workflowId, input.workflowId),
            inArray(journeyRuns.status, ["starting", "running"]),
          ),
        );
    },

    async recordSteps({ workflowId, steps, run, park }) {
      // A visit recorded twice in one pass (a wait entered and resolved at once) keeps its last record, as sequential upserts would.
      const byKey = new Map(
        steps.map((s) => [`${s.workflowId}:${s.nodeId}:${s.visit}`, s]),
      );
      const values = [...byKey].map(
        ([key, s]) =>
          sql`(${s.workflowId}, ${s.leadId}::uuid, ${s.journeyId}::uuid, ${s.journeyVersion}::int, ${s.nodeId}, ${s.kind}, ${key}, ${JSON.stringify(s.detail)}::jsonb)`,
      );
      const position = run ?? {
        currentNode: steps[steps.length - 1]?.nodeId ?? null,
        status: "running" as const,
      };
      const insert = values.length
        ? sql`with s as (insert into journey_steps (workflow_id, lead_id, journey_id, journey_version, node_id, kind, step_key, detail)
            values ${sql.join(values, sql`, `)} on conflict (step_key) do update set detail = excluded.detail returning 1) `
        : sql``;
      // One statement: the steps and the run's position mirror (a finished run's status, once) land together.
      const parking = park
        ? sql`, park = ${JSON.stringify(park)}::jsonb`
        : sql``;
      await db.execute(sql`${insert}update journey_runs set current_node = ${position.currentNode}, status = ${position.status}, updated_at = now()${parking}
        where workflow_id = ${workflowId} ${run ? sql`` : sql`and status in ('starting', 'running')`}`);
    },

    async unpark({ workflowId, nodeId, visit }) {
      const key = `${nodeId}:${visit}`;
      return db.transaction(async (tx) => {
        // Lock the run's row first (ingestion holds it while it decides), then read what was held: a statement of its own sees every commit before the lock.
        await tx.execute(sql`update journey_runs set park = case when park->>'nodeId' = ${nodeId} and (park->>'visit')::int = ${visit} then null else park end
          where workflow_id = ${workflowId}`);
        // Marked, not deleted: an attempt can commit and still fail (timed out, its task lost), and its retry must get the same events.
        const rows = await tx.execute<{
          id: string;
          payload: LeadEventSignal;
          loop: boolean;
          at: string | Date;
        }>(
          sql`update absorbed_events set taken_by = ${key}, taken_at = coalesce(taken_at, now())
            where workflow_id = ${workflowId} and (taken_by is null or taken_by = ${key}) returning id, payload, loop, at`,
        );
        return [...rows]
          .sort((a, b) => Number(a.id) - Number(b.id))
          .map((r) => ({
            signal: r.payload,
            loop: r.loop,
            at: new Date(r.at).getTime(),
          }));
      });
    },

    async loadLead({ leadId }): Promise<LeadSnapshot> {
      const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
      // Retrying cannot bring the lead back: fail with a type ops can filter on instead of spinning.
      if (!lead)
        throw ApplicationFailure.nonRetryable(
          `lead ${leadId} not found`,
          "LeadNotFound",
        );
      return {
        id: lead.id,
        email: lead.email,
        firstName: lead.firstName,
        lastName: lead.lastName,
        company: lead.company,
        jobTitle: lead.jobTitle,
        companySize: lead.companySize,
        properties: lead.properties,
        score: lead.score,
        stage: lead.stage,
        lifecycle: lead.lifecycle,
        lastAction: lead.lastAction,
        tags: lead.tags,
        archived: lead.archivedAt !== null,
        source: lead.source,
      };
    },

    async startHandoff(input) {
      // The hot lane (or another journey) usually handed the lead off already: reuse it, so the owner is paged once.
      const recent = await recentHandoff(db, input.leadId);
      if (recent)
        return {
          handoffId: recent.id,
          ownerId: recent.ownerId,
          created: false,
        };
      const { handoff, created } = await createHandoff(db, {
        requestKey: input.requestKey,
        leadId: input.leadId,
        workflowId: (id) => handoffWorkflowId(input.leadId, id),
        reason: input.reason,
        owner: input.owner,
        slaMinutes: input.slaMinutes,
        escalationMinutes: input.escalationMinutes,
      }).catch((err: unknown) => {
        // Nobody to hand to is a configuration problem, not a transient one.
        throw err instanceof NoOwnerError
          ? ApplicationFailure.nonRetryable(err.message, "NoOwner")
          : err;
      });
      return { handoffId: handoff.id, ownerId: handoff.ownerId, created };
    },

    async updateLead(input) {
      const moves = Boolean(
        input.stage || input.lifecycle || input.addTags?.length,
      );
      if (!moves || !input.workflowId) return (await setLead(db, input), {});
      // Under the lead's row lock, as ingestion and the desk check goals: this run's goal comes back, other journeys' runs get the exit signal.
      const { self } = await db.transaction(async (tx) => {
        await tx
          .select({ id: leads.id })
          .from(leads)
          .where(eq(leads.id, input.leadId))
          .for("update");
        await setLead(tx, input);
        return reachGoalsFrom(tx, [input.leadId], new Map(), input.workflowId);
      });
      return self ? { goal: self } : {};
    },

    async callWebhook(input) {
      const { status } = await postSigned(deps, input);
      return { status };
    },

    async syncRun(input) {
      const now = new Date();
      const failed =
        input.status === "failed"
          ? { failureReason: input.reason ?? "failed", failedAt: now }
          : {};
      await db
        .update(journeyRuns)
        .set({
          currentNode: input.currentNode,
          status: input.status,
          ...failed,
          updatedAt: now,
        })
        .where(eq(journeyRuns.workflowId, input.workflowId));
    },
  };
}
