/**
 * Worker memory per 1,000 running leads: worker RSS at a baseline, after one step of leads parked in a wait and after a
 * second, so the figure is growth per lead rather than the worker's one-off warm-up.
 */
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
  const rss = async () => (pid ? steadyRss(pid) : Number.NaN);
  const step = Math.max(cfg.memoryLeads, cfg.leads);
  const settleMs = Math.max(cfg.settleTimeoutMs, 120_000);
  const before = await rss();
  const steps: { leads: number; idle: number; rssKb: number; capturePerSec: number; idleAfterMs: number }[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const captured = await captureLeads(api, step, `pool-${i}`, cfg.concurrency, Math.max(cfg.loopTimeoutMs * 2, step * 200), true);
    ids.push(...captured.ids);
    const idle = await waitIdle(sql, ids, ['wait-a'], settleMs);
    steps.push({ leads: ids.length, idle: idle.idle, rssKb: await rss(), capturePerSec: (captured.ids.length / captured.elapsedMs) * 1000, idleAfterMs: idle.elapsedMs });
  }
  const [one, two] = steps as [(typeof steps)[0], (typeof steps)[0]];
  const perThousand = ((two.rssKb - before) / Math.max(1, two.leads)) * 1000;
  const marginal = ((two.rssKb - one.rssKb) / Math.max(1, two.leads - one.leads)) * 1000;
  const cached = process.env.WORKER_CACHED_WORKFLOWS ?? '250 (default)';

  printTable(`5. Worker memory per 1,000 running leads (VmRSS of the worker process tree, pid ${pid ?? 'not found'}; sticky cache ${cached} runs)`, ['measure', 'value'], [
    ['worker RSS, no bench leads', mib(before)],
    ...steps.map((s) => [`worker RSS, ${s.leads} leads parked (${s.idle} idle in wait-a)`, `${mib(s.rssKb)} (captured at ${perSecond(s.capturePerSec, ' leads/s')}, idle ${(s.idleAfterMs / 1000).toFixed(1)} s later)`]),
    ['RSS per 1,000 running leads (all leads over the baseline)', mib(perThousand)],
    [`RSS per 1,000 more leads (${one.leads} → ${two.leads})`, mib(marginal)],
  ]);
  if (steps.some((s) => s.idle < s.leads)) note(`not every journey reached its wait within ${settleMs / 1000} s: the figure includes work in progress`);
  if (!pid) note('worker process not found among this process’s children: memory figures are n/a');
  note('parked runs live in Temporal; the worker keeps only its sticky cache of recently active runs in memory, so growth stops at the cache size');
  report.add('memory', 'capture rate', steps.map((s) => perSecond(s.capturePerSec, ' leads/s')).join(', '));
  report.add('memory', 'worker RSS', `${mib(before)} → ${steps.map((s) => `${mib(s.rssKb)} at ${s.leads} leads`).join(' → ')}`);
  report.add('memory', 'worker RSS per 1,000 leads', `${mib(perThousand)} over the baseline, ${mib(marginal)} for the second ${step} (target ≤ 250 MiB)`);
  return { leadIds: ids.slice(0, cfg.leads), capturePerSec: steps[0]!.capturePerSec };
}
