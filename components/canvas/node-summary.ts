/** One line under a node's title saying what it does, e.g. "Email B — Welcome + Value" or "wait 7 days", in the reader's language. */
import type { useTranslations } from 'next-intl';
import { goalSchema, type Duration } from '@/lib/journey/definition';
import { goalWords } from '@/lib/journey/enrolment-rules';
import type { Goal } from '@/lib/journey/definition';
import type { FlowNode } from './types';

export type EditorT = ReturnType<typeof useTranslations<'journeyEditor'>>;

const UNIT_KEY = { minutes: 'duration.nMinutes', hours: 'duration.nHours', days: 'duration.nDays' } as const;

export const durationWords = (t: EditorT, d: Duration | undefined): string => (d ? t(UNIT_KEY[d.unit], { count: d.amount }) : '?');

/** `goalIn` words a goal in the reader's language; English when omitted. */
export function nodeSummary(node: FlowNode, templateLabels: Readonly<Record<string, string>>, t: EditorT, goalIn: (g: Goal) => string = goalWords): string {
  switch (node.type) {
    case 'trigger': {
      const c = node.data.config;
      const starts = c.on === 'event' ? t('summary.onEvent', { type: c.eventType || '…' }) : t('summary.onCapture');
      // The goal parses only once complete; a half-built one shows as "goal: …" until then.
      const goal = c.goal && goalSchema.safeParse(c.goal).success ? goalIn(c.goal) : c.goal ? '…' : null;
      return [starts, c.entry && t('summary.matchingOnly'), goal && t('summary.goal', { goal })].filter(Boolean).join(' · ');
    }
    case 'score_branch':
      return t('summary.ranges', { count: node.data.config.ranges?.length ?? 0 });
    case 'condition':
      return t(node.data.config.match === 'any' ? 'summary.matchAny' : 'summary.matchAll', { count: node.data.config.rules?.length ?? 0 });
    case 'ab_split':
      return node.data.config.variants?.map((v) => `${v.label || v.id} ${v.weight}%`).join(' / ') ?? '';
    case 'send_email': {
      const tk = node.data.config.template;
      const label = tk ? (templateLabels[tk] ?? tk) : t('summary.chooseTemplate');
      const n = node.data.config.variants?.length ?? 0;
      return n > 0 ? t('summary.variants', { label, count: n }) : label;
    }
    case 'wait':
      return t('summary.wait', { duration: durationWords(t, node.data.config.duration) });
    case 'wait_for_event': {
      const types = node.data.config.eventTypes ?? [];
      return t('summary.waitFor', { events: types.length ? types.join(', ') : t('summary.anyEvent'), duration: durationWords(t, node.data.config.timeout) });
    }
    case 'handoff':
      return t('summary.handoff', { owner: node.data.config.owner?.mode === 'fixed' ? t('summary.fixedOwner') : t('summary.roundRobin'), minutes: node.data.config.slaMinutes });
    case 'update_lead':
      return (
        [node.data.config.stage && t('summary.stage', { stage: node.data.config.stage }), node.data.config.lifecycle, ...(node.data.config.addTags ?? []).map((tag) => `#${tag}`)]
          .filter(Boolean)
          .join(' · ') || t('summary.noChanges')
      );
    case 'webhook':
      return `${node.data.config.method} ${node.data.config.url || '…'}`;
    case 'exit':
      return node.data.config.archive ? t('summary.endArchive') : t('summary.end');
  }
}
