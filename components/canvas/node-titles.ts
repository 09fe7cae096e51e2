/** The title a step gets from its settings ("Wait 3 days", "Registered for a webinar"), kept in step until the marketer names it. */
import { durationText, eventTitle } from '@/lib/journey/words';
import { NODE_KIND_LABELS } from '@/lib/journey/graph';
import type { FlowNode } from './types';

export { durationText, eventTitle };

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
