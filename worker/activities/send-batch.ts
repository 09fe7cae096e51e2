/**
 * Bulk sends through Resend's batch endpoint, 100 emails a call, with every guarantee of a single send: each message is
 * claimed and stored rendered first, a batch's key is derived from its message ids and the batch is pinned to its rows
 * before the call, so a retry after an unanswered call re-sends that same batch (same bytes, same key) and the
 * provider replays instead of sending twice; partial failures are per message and statuses only move forward.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { messages } from '@/db/schema';
import { resendFailure } from '@/lib/email/send-errors';
import type { SendEmailInput, SendEmailResult } from '../../lib/journey/contract';
import { entry, markFailed, markSent, sentResult, type Conn, type MessageRow } from './message-rows';
import { ALREADY_SENT, IN_FLIGHT_ELSEWHERE, configOf, onRateLimited, prepare, providerTurn, type Prepared, type SendEmailDeps } from './send-email';

/** Resend's batch endpoint takes at most 100 emails. */
export const BATCH_MAX = 100;
/** Messages claimed and rendered at once: their database round trips overlap; the worker's pool (10) keeps room for others. */
const PREPARE_CONCURRENCY = 4;
/** 429s answered in a row before the batch is handed back to Temporal's retry policy. */
const RATE_LIMITED_TRIES = 5;

/** A message the provider refused on its own (permissive validation): final, the others in its batch went out. */
export type BatchSendResult = SendEmailResult | { status: 'failed'; messageId: string; error: string };

export interface BatchCall {
  key: string;
  size: number;
  status: number | null;
}

export interface SendBatchDeps extends SendEmailDeps {
  /** Told about every batch request made, for the bench and tests. */
  onCall?: (call: BatchCall) => void | Promise<unknown>;
}

/** The key is the batch's identity: its message ids, in order, hashed (Resend allows 256 characters). */
export function batchKeyOf(messageIds: string[]): string {
  return `batch:${createHash('sha256').update(messageIds.join(',')).digest('hex')}`;
}

/** Ties the rows to this batch before the call; a row already tied to another batch keeps that one. */
async function pin(db: Conn, key: string, rows: MessageRow[]): Promise<MessageRow[]> {
  const ids = sql.join(
    rows.map((r) => sql`${r.id}`),
    sql`, `,
  );
  await db.execute(sql`
    update ${messages} m set batch_key = ${key}, batch_index = v.idx
    from unnest(array[${ids}]::uuid[]) with ordinality as v(id, idx)
    where m.id = v.id and m.batch_key is null`);
  return members(db, key);
}

async function members(db: Conn, key: string): Promise<MessageRow[]> {
  return db.select().from(messages).where(eq(messages.batchKey, key)).orderBy(asc(messages.batchIndex));
}

async function markRefused(db: Conn, row: MessageRow, message: string, at: Date): Promise<void> {
  await db
    .update(messages)
    .set({ status: 'failed', error: message, statusHistory: sql`${messages.statusHistory} || ${JSON.stringify([entry('failed', at, message)])}::jsonb` })
    .where(and(eq(messages.id, row.id), isNull(messages.providerId), isNull(messages.sentAt)));
}

type Outcome = { results: Map<string, BatchSendResult> } | { failure: ApplicationFailure };

/** One batch request (waiting for the provider budget, and again after each 429 for Retry-After), recorded per message. */
async function callBatch(deps: SendBatchDeps, key: string, rows: MessageRow[]): Promise<Outcome> {
  const now = deps.now ?? (() => new Date());
  const payloads = rows.map((r) => {
    if (!r.rendered) throw new Error(`message ${r.id} is in batch ${key} without its stored copy`);
    return r.rendered;
  });
  for (let tries = 1; ; tries++) {
    await providerTurn(deps, 'marketing');
    const { data, error, headers } = await deps.resend.batch.send(payloads, { idempotencyKey: key, batchValidation: 'permissive' });
    await deps.onCall?.({ key, size: rows.length, status: error ? error.statusCode : 200 });
    onRateLimited(deps, error, headers);
    if (error?.statusCode === 429 && tries < RATE_LIMITED_TRIES) continue;

    const results = new Map<string, BatchSendResult>();
    if (error?.name === ALREADY_SENT) {
      for (const r of rows) results.set(r.id, sentResult(await markSent(deps.db, r.id, null, now(), `409 ${ALREADY_SENT}: batch already sent under this key`)));
      return { results };
    }
    if (error || !data) {
      const failure = resendFailure(error ?? { statusCode: null, name: 'application_error', message: 'empty response' }, headers);
      // Still pinned: the retry re-sends this very batch, and the provider replays it if it did go out.
      if (error?.name !== IN_FLIGHT_ELSEWHERE) await markFailed(deps.db, rows.map((r) => r.id), failure, now());
      return { failure };
    }
    const refused = new Map((data.errors ?? []).map((e) => [e.index, e.message]));
    let next = 0;
    for (const [i, r] of rows.entries()) {
      const message = refused.get(i);
      if (message !== undefined) {
        await markRefused(deps.db, r, `Resend refused it in batch: ${message}`, now());
        results.set(r.id, { status: 'failed', messageId: r.id, error: message });
        continue;
      }
      const providerId = data.data[next++]?.id;
      if (!providerId) return { failure: ApplicationFailure.retryable(`batch ${key} answered without the id of email ${i}`, 'ResendBatchShort') };
      results.set(r.id, sentResult(await markSent(deps.db, r.id, providerId, now())));
    }
    return { results };
  }
}

/**
 * Sends every input that should go, in batches of at most 100; a batch that fails does not stop the others. Throws
 * (after all batches were tried) the first batch failure, retryable or not, so Temporal's policy decides what comes next.
 */
export async function sendBatch(deps: SendBatchDeps, inputs: SendEmailInput[]): Promise<BatchSendResult[]> {
  const cfg = configOf(deps);
  const results = new Array<BatchSendResult | undefined>(inputs.length);
  const pending = new Map<string, number>();
  const fresh: MessageRow[] = [];
  const pinned = new Set<string>();
  const prepared = new Array<Prepared | undefined>(inputs.length);
  let cursor = 0;
  const prepareNext = async (): Promise<void> => {
    for (let i = cursor++; i < inputs.length; i = cursor++) prepared[i] = await prepare(deps, cfg, inputs[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, inputs.length) }, prepareNext));
  // In input order, so a batch's members and key do not depend on which preparation finished first.
  for (const [index, p] of prepared.entries()) {
    if (!p) continue;
    if ('done' in p) {
      results[index] = p.done;
      continue;
    }
    pending.set(p.row.id, index);
    // A row tied to a batch that got no answer goes out in that batch again, whole.
    if (p.row.batchKey) pinned.add(p.row.batchKey);
    else fresh.push(p.row);
  }

  let failure: ApplicationFailure | undefined;
  const settle = (outcome: Outcome) => {
    if ('failure' in outcome) failure ??= outcome.failure;
    else for (const [id, r] of outcome.results) if (pending.has(id)) results[pending.get(id)!] = r;
  };
  for (const key of pinned) settle(await callBatch(deps, key, await members(deps.db, key)));
  for (let start = 0; start < fresh.length; start += BATCH_MAX) {
    const chunk = fresh.slice(start, start + BATCH_MAX);
    const key = batchKeyOf(chunk.map((r) => r.id));
    settle(await callBatch(deps, key, await pin(deps.db, key, chunk)));
  }
  if (failure) throw failure;
  const missing = results.findIndex((r) => r === undefined);
  if (missing >= 0) throw ApplicationFailure.retryable(`email ${missing} of the batch was tied to another batch meanwhile`, 'BatchMemberMoved');
  return results as BatchSendResult[];
}
