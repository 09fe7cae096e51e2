/** The title a step gets from its settings ("Wait 3 days", "Registered for a webinar"), kept in step until the marketer names it. */
import type { Duration } from '@/lib/journey/definition';
import { NODE_KIND_LABELS } from '@/lib/journey/graph';
import type { FlowNode } from './types';

const EVENT_TITLES: Readonly<Record<string, string>> = {
  email_open: 'Opened an email',
  email_click: 'Clicked an email link',
  webinar_register: 'Registered for a webinar',
  download_whitepaper: 'Downloaded the whitepaper',
  visit_pricing: 'Visited the pricing page',
  schedule_demo: 'Booked a demo',
  unsubscribe: 'Unsubscribed',
  spam_complaint: 'Marked an email as spam',
};

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

/** A template's label without its "(score 20–44)" hint. */
const shortTemplate = (label: string) => label.replace(/\s*\([^)]*\)\s*$/, '');

export function autoTitle(node: FlowNode, templateLabels: Readonly<Record<string, string>> = {}): string {
  switch (node.type) {
    case 'trigger':
      return node.data.config.on === 'event' ? eventTitle(node.data.config.eventType ?? '') : 'Lead captured';
    case 'send_email': {
      const t = node.data.config.template;
      return t ? shortTemplate(templateLabels[t] ?? t) : NODE_KIND_LABELS.send_email;
    }
    case 'wait':
      return `Wait ${durationText(node.data.config.duration)}`;
    case 'wait_for_event': {
      const types = node.data.config.eventTypes ?? [];
      return types.length ? `Wait for ${types.map((x) => eventTitle(x).toLowerCase()).join(' or ')}` : 'Wait for engagement';
    }
    default:
      return NODE_KIND_LABELS[node.type];
  }
}

/** True while the title is still one the editor chose, so changing a setting may replace it. */
export function isAutoTitle(node: FlowNode, templateLabels: Readonly<Record<string, string>> = {}): boolean {
  const label = node.data.label.trim();
  return label === '' || label === NODE_KIND_LABELS[node.type] || label === autoTitle(node, templateLabels);
}
