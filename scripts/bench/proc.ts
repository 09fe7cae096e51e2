/** Reads process trees and resident memory from /proc (Linux only), to find the supervised worker and weigh it. */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const parent = parentOf(pid);
    if (parent !== null) (children.get(parent) ?? children.set(parent, []).get(parent)!).push(pid);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** The supervisor spawns the worker from this process as `node --import tsx …/worker/main.ts`; startStack does not expose its pid. */
export function findWorkerPid(): number | null {
  const direct = descendants(process.pid).filter((pid) => parentOf(pid) === process.pid);
  return direct.find((pid) => cmdline(pid).includes('worker/main.ts')) ?? null;
}

export function rssKb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export function treeRssKb(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + rssKb(p), 0);
}

const TICK_MS = 10; // CLK_TCK is 100 on Linux

/** CPU time (user + system, including reaped children) of one process, in ms. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14–17 of stat (utime, stime, cutime, cstime) sit at 11–14 after the command name
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
  } catch {
    return 0;
  }
}

export type StackPart = 'Next' | 'worker' | 'bulk worker' | 'Temporal server' | 'Postgres' | 'mail sink';
export const STACK_PARTS: StackPart[] = ['Next', 'worker', 'bulk worker', 'Temporal server', 'Postgres', 'mail sink'];

function partOf(cmd: string): StackPart | null {
  if (cmd.includes('worker/main.ts')) return 'worker';
  if (cmd.includes('worker/bulk-main.ts')) return 'bulk worker';
  if (cmd.includes('mail-sink/main.ts')) return 'mail sink';
  // The app's server (Next behind server/http/main.ts); `next start` alone renames itself "next-server (vX)".
  if (cmd.includes('server/http/main.ts') || cmd.includes('next/dist/bin/next') || cmd.startsWith('next-server')) return 'Next';
  if (/\btemporal\b.*start-dev/.test(cmd)) return 'Temporal server';
  // The cluster's Go server, built into .cluster/bin by scripts/lib/cluster.ts.
  if (/\.cluster\/bin\/server\b/.test(cmd)) return 'Temporal server';
  if (/postgres/.test(cmd)) return 'Postgres';
  return null;
}

/** CPU ms so far of each part of the stack this process started (each part's whole process tree). */
export function stackCpu(): Record<StackPart, number> {
  const out = Object.fromEntries(STACK_PARTS.map((p) => [p, 0])) as Record<StackPart, number>;
  for (const child of descendants(process.pid).filter((pid) => parentOf(pid) === process.pid)) {
    const part = partOf(cmdline(child));
    if (!part) continue;
    for (const pid of [child, ...descendants(child)]) out[part] += cpuMs(pid);
  }
  return out;
}
