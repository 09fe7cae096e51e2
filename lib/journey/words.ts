/** Journey settings in a marketer's words: event types, durations and outputs as people say them. */
import type { Duration } from './definition';
import { text, type Text } from '../i18n/server-text';

const EVENT_TITLES: Readonly<Record<string, string>> = {
  email_open: 'Opened an email',
  email_click: 'Clicked an email link',
  webinar_register: 'Registered for a webinar',
  download_whitepaper: 'Downloaded the whitepaper',
  visit_pricing: 'Visited the pricing page',
  schedule_demo: 'Booked a demo',
  unsubscribe: 'Unsubscribed',
  spam_complaint: 'Marked an email as spam',
  lead_captured: 'Lead captured',
};

/** eventTitle as a message the UI words in the reader's language; an unknown type stays as words. */
export function eventText(type: string): Text | string {
  const t = type.trim();
  if (!t) return text('serverText.event.none');
  return Object.hasOwn(EVENT_TITLES, t) ? text(`serverText.event.${t}`) : eventTitle(t);
}

/** "webinar_register" → "Registered for a webinar"; an unknown type reads as words. */
export function eventTitle(type: string): string {
  const t = type.trim();
  if (!t) return 'an event';
  const known = EVENT_TITLES[t];
  if (known) return known;
  const words = t.replace(/[_.-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const durationText = (d: Duration | undefined) => (d ? `${d.amount} ${d.amount === 1 ? d.unit.replace(/s$/, '') : d.unit}` : '?');

/** "7 days" → "2 days" reads "7 → 2 days"; different units keep both in full. */
export function beforeAfter(before: string, after: string): string {
  const a = /^(-?[\d.]+)\s+(\S.*)$/.exec(before);
  const b = /^(-?[\d.]+)\s+(\S.*)$/.exec(after);
  if (a && b && a[2]!.replace(/s$/, '') === b[2]!.replace(/s$/, '')) return `${a[1]} → ${b[1]} ${b[2]}`;
  return `${before} → ${after}`;
}
