/** Moments as people say them in their own time zone: "today 14:05", "tomorrow 09:15", "Fri 09:15", "3 Dec 09:15". */

const DAY_MS = 86_400_000;

/** The calendar day of `at` in `timeZone`, as a UTC-midnight epoch, so two days subtract to whole days. */
function dayNumber(at: Date, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS;
}

export function clockTime(at: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** A moment split into the word a language puts before the clock time: a relative day, or a weekday or date written by `intlTag`. */
export type MomentParts = { rel: 'today' | 'tomorrow' | 'yesterday'; time: string } | { rel: 'day'; day: string; time: string } | { rel: 'unknown' };

export function momentParts(at: Date | string, now: Date, timeZone?: string, intlTag = 'en-GB'): MomentParts {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return { rel: 'unknown' };
  const days = dayNumber(d, timeZone) - dayNumber(now, timeZone);
  const time = clockTime(d, timeZone);
  if (days === 0) return { rel: 'today', time };
  if (days === 1) return { rel: 'tomorrow', time };
  if (days === -1) return { rel: 'yesterday', time };
  if (days > 1 && days < 7) return { rel: 'day', day: new Intl.DateTimeFormat(intlTag, { timeZone, weekday: 'short' }).format(d), time };
  const year = (x: Date) => new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(x);
  const sameYear = year(d) === year(now);
  return { rel: 'day', day: new Intl.DateTimeFormat(intlTag, { timeZone, day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(d), time };
}

/** `at` relative to `now`, both read in `timeZone` (the viewer's own when omitted), in English. */
export function momentText(at: Date | string, now: Date, timeZone?: string): string {
  const p = momentParts(at, now, timeZone);
  return p.rel === 'unknown' ? 'an unknown time' : p.rel === 'day' ? `${p.day} ${p.time}` : `${p.rel} ${p.time}`;
}

/** A simulator's virtual clock (0 = the lead's first moment) as a day number and a clock time. */
export function virtualParts(offsetMs: number): { day: number; time: string } {
  const day = Math.floor(offsetMs / DAY_MS);
  const rest = offsetMs - day * DAY_MS;
  const hh = String(Math.floor(rest / 3_600_000)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3_600_000) / 60_000)).padStart(2, '0');
  return { day, time: `${hh}:${mm}` };
}

/** "day 2, 09:15". */
export function virtualMoment(offsetMs: number): string {
  const { day, time } = virtualParts(offsetMs);
  return `day ${day}, ${time}`;
}
