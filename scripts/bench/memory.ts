/** Worker memory per 1,000 running leads: worker RSS before and after capturing leads whose journeys all sit in a wait. */
import type postgres from 'postgres';
import type { BenchConfig } from './config';
import { type Api, sleep } from './http';
import { captureLeads, waitIdle } from './leads';
import { findWorkerPid, treeRssKb } from './proc';
import type { Report } from './report';
import { mib, note, perSecond, printTable } from './stats';

export interface MemoryResult {
  leadIds: string[];
  capturePerSec: number;
}

/** Median of a few reads a beat apart: RSS moves with GC, a single read can land on either side of a collection. */
async function steadyRss(pid: number): Promise<number> {
  const reads: number[] = [];
  for (let i = 0; i < 5; i++) {
    reads.push(treeRssKb(pid));
    await sleep(400);
  }
  return reads.sort((a, b) => a - b)[2]!;
}

export async function measureWorkerMemory(api: Api, sql: postgres.Sql, cfg: BenchConfig, report: Report): Promise<MemoryResult> {
  const pid = findWorkerPid();
  const before = pid ? await steadyRss(pid) : Number.NaN;
  const captured = await captureLeads(api, cfg.leads, 'pool', cfg.concurrency, cfg.loopTimeoutMs * 2, true);
  const capturePerSec = (captured.ids.length / captured.elapsedMs) * 1000;
  const idle = await waitIdle(sql, captured.ids, ['wait-a'], cfg.settleTimeoutMs);
  const after = pid ? await steadyRss(pid) : Number.NaN;
  const perThousand = ((after - before) / Math.max(1, captured.ids.length)) * 1000;

  printTable(`5. Worker memory per 1,000 running leads (VmRSS of the worker process tree, pid ${pid ?? 'not found'})`, ['measure', 'value'], [
    ['leads captured (POST /api/leads)', `${captured.ids.length} at ${perSecond(capturePerSec, ' leads/s')}, ${cfg.concurrency} lanes`],
    ['journeys idle in wait-a', `${idle.idle}/${captured.ids.length}, ${(idle.elapsedMs / 1000).toFixed(1)} s after the last capture`],
    ['worker RSS before', mib(before)],
    ['worker RSS after', mib(after)],
    ['RSS per 1,000 running leads', mib(perThousand)],
  ]);
  if (idle.idle < captured.ids.length) note(`not every journey reached its wait within ${cfg.settleTimeoutMs / 1000} s: the after figure includes work in progress`);
  if (captured.ids.length < cfg.leads) note(`captured ${captured.ids.length} of ${cfg.leads} leads within ${(cfg.loopTimeoutMs * 2) / 1000} s; the per-1,000 figure is scaled`);
  if (!pid) note('worker process not found among this process’s children: memory figures are n/a');
  note('the worker keeps recently used workflows in its sticky cache, so this is cache growth, not a per-lead leak');
  report.add('memory', 'capture rate', perSecond(capturePerSec, ' leads/s'));
  report.add('memory', 'worker RSS before/after', `${mib(before)} → ${mib(after)} (${idle.idle}/${captured.ids.length} idle)`);
  report.add('memory', 'worker RSS per 1,000 leads', mib(perThousand));
  return { leadIds: captured.ids, capturePerSec };
}
