/** Lowers this process's CPU priority, so the hot lane's processes win the cores whenever both want them. */
import { readdirSync } from 'node:fs';
import os from 'node:os';

/** Linux keeps a nice value per thread: every thread is reniced, and threads started later inherit it from the main thread. */
export function lowerProcessPriority(nice: number): number {
  let tids: number[] = [];
  try {
    tids = readdirSync('/proc/self/task').map(Number);
  } catch {
    /* not Linux: setpriority on pid 0 covers the whole process */
  }
  if (!tids.length) os.setPriority(0, nice);
  for (const tid of tids) {
    try {
      os.setPriority(tid, nice);
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return os.getPriority(0);
}
