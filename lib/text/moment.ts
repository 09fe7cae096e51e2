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

/** `at` relative to `now`, both read in `timeZone` (the viewer's own when omitted). */
export function momentText(at: Date | string, now: Date, timeZone?: string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return 'an unknown time';
  const days = dayNumber(d, timeZone) - dayNumber(now, timeZone);
  const time = clockTime(d, timeZone);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  if (days === -1) return `yesterday ${time}`;
  if (days > 1 && days < 7) return `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }).format(d)} ${time}`;
  const sameYear = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(d) === new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(now);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(d);
  return `${date} ${time}`;
}

/** A simulator's virtual clock (0 = the lead's first moment): "day 2, 09:15". */
export function virtualMoment(offsetMs: number): string {
  const day = Math.floor(offsetMs / DAY_MS);
  const rest = offsetMs - day * DAY_MS;
  const hh = String(Math.floor(rest / 3_600_000)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3_600_000) / 60_000)).padStart(2, '0');
  return `day ${day}, ${hh}:${mm}`;
}
