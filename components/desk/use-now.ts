'use client';
/** The current time, ticking every second, for SLA countdowns. */
import { useEffect, useState } from 'react';

export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** The clock of "due in 7:42" or "overdue 3:10" (the page words it): minutes and seconds, hours when long. */
export function countdown(dueAt: Date | string, now: number): { clock: string; overdue: boolean } {
  const ms = new Date(dueAt).getTime() - now;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const clock = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
  return { clock, overdue: ms < 0 };
}
