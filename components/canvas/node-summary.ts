/** One line under a node's title saying what it does, e.g. "Email B — Welcome + Value" or "wait 7 days". */
import { goalSchema, type Duration } from '@/lib/journey/definition';
import { goalWords } from '@/lib/journey/enrolment-rules';
import type { FlowNode } from './types';

const dur = (d: Duration | undefined) => (d ? `${d.amount} ${d.amount === 1 ? d.unit.replace(/s$/, '') : d.unit}` : '?');

export function nodeSummary(node: FlowNode, templateLabels: Readonly<Record<string, string>>): string {
  switch (node.type) {
    case 'trigger': {
      const c = node.data.config;
      const starts = c.on === 'event' ? `on event ${c.eventType || '…'}` : 'when a lead is captured';
      // The goal parses only once complete; a half-built one shows as "goal: …" until then.
      const goal = c.goal && goalSchema.safeParse(c.goal).success ? goalWords(c.goal) : c.goal ? '…' : null;
      return [starts, c.entry && 'matching leads only', goal && `goal: ${goal}`].filter(Boolean).join(' · ');
    }
    case 'score_branch':
      return `${node.data.config.ranges?.length ?? 0} score ranges`;
    case 'condition':
      return `${node.data.config.match === 'any' ? 'any' : 'all'} of ${node.data.config.rules?.length ?? 0} rules`;
    case 'ab_split':
      return node.data.config.variants?.map((v) => `${v.label || v.id} ${v.weight}%`).join(' / ') ?? '';
    case 'send_email': {
      const t = node.data.config.template;
      const label = t ? (templateLabels[t] ?? t) : 'choose a template';
      const n = node.data.config.variants?.length ?? 0;
      return n > 0 ? `${label} · ${n} variants` : label;
    }
    case 'wait':
      return `wait ${dur(node.data.config.duration)}`;
    case 'wait_for_event': {
      const types = node.data.config.eventTypes ?? [];
      return `${types.length ? types.join(', ') : 'any event'} · up to ${dur(node.data.config.timeout)}`;
    }
    case 'handoff':
      return `${node.data.config.owner?.mode === 'fixed' ? 'fixed owner' : 'round robin'} · SLA ${node.data.config.slaMinutes} min`;
    case 'update_lead':
      return [node.data.config.stage && `stage ${node.data.config.stage}`, node.data.config.lifecycle, ...(node.data.config.addTags ?? []).map((t) => `#${t}`)]
        .filter(Boolean)
        .join(' · ') || 'no changes yet';
    case 'webhook':
      return `${node.data.config.method} ${node.data.config.url || '…'}`;
    case 'exit':
      return node.data.config.archive ? 'end and archive the lead' : 'end';
  }
}
