// Every recorded history in workflows/histories replays against today's workflow code: a change to
// running logic that is not behind patched() fails here with a non-determinism error.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { AB_HOLDOUT, AB_WINNER_ROUTING, CHANNELS_TASK_QUEUE, GOAL_EXIT, HANDOFF_SALES_QUEUE, ONE_BOOKKEEPING_WRITE, PENDING_EVENTS_RELEASE_WAIT, PARK_NOOP_EVENTS, RECORD_RUN_FAILURE, SLA_CHANNEL_ACTIVITIES, UPDATE_LEAD_GOAL } from '../lib/journey/engine';
import { workflowBundle } from './testing/harness';

const DIR = decodeURIComponent(new URL('./histories/', import.meta.url).pathname);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { events: Record<string, unknown>[] };

/** Patch ids whose markers a history carries. */
function markers(history: { events: Record<string, unknown>[] }): string[] {
  return history.events.flatMap((e) => {
    const m = e.markerRecordedEventAttributes as { markerName?: string; details?: { 'patch-data'?: { payloads?: { data?: string }[] } } } | undefined;
    if (m?.markerName !== 'core_patch') return [];
    const data = m.details?.['patch-data']?.payloads?.[0]?.data;
    if (!data) return [];
    const decoded = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { id?: string };
    return decoded.id ? [decoded.id] : [];
  });
}

describe('recorded histories replay with the current workflow code', () => {
  it('has histories recorded before and after each patch in use', () => {
    const withMarker = (id: string) => files.filter((f) => markers(load(f)).includes(id));
    // The old branch must be exercised by a history of the workflow the patch belongs to.
    const without = (id: string) => files.filter((f) => f.startsWith(id === SLA_CHANNEL_ACTIVITIES || id === CHANNELS_TASK_QUEUE ? 'sla-' : 'journey-') && !markers(load(f)).includes(id));
    for (const id of ['step-records-position', 'local-bookkeeping', PENDING_EVENTS_RELEASE_WAIT, HANDOFF_SALES_QUEUE, SLA_CHANNEL_ACTIVITIES, RECORD_RUN_FAILURE, ONE_BOOKKEEPING_WRITE, PARK_NOOP_EVENTS, GOAL_EXIT, AB_HOLDOUT, AB_WINNER_ROUTING, CHANNELS_TASK_QUEUE, UPDATE_LEAD_GOAL, AB_WINNER_ROUTING]) {
      expect(withMarker(id), `a history taking the new branch of ${id}`).not.toHaveLength(0);
      expect(without(id), `a journey history taking the old branch of ${id}`).not.toHaveLength(0);
    }
  });

  it('replays every history without a non-determinism error', async () => {
    expect(files.length).toBeGreaterThan(0);
    const bundle = await workflowBundle();
    const results: { file: string; error: string | null }[] = [];
    const histories = files.map((file) => ({ workflowId: file, history: load(file) }));
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'leadflow-replay' }, histories)) {
      results.push({ file: r.workflowId, error: r.error ? `${r.error.name}: ${r.error.message}` : null });
    }
    expect(results).toEqual(files.map((file) => ({ file, error: null })));
  });
});
