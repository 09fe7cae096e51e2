'use client';
/** Journey step sentences (lib/journey/step-sentence) in the reader's language, naming each step as the canvas titles it. */
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { JourneyNode } from '@/lib/journey/definition';
import { formatText, type Text } from '@/lib/i18n/server-text';
import { stepText, type SentenceOptions, type StepRecord } from '@/lib/journey/step-sentence';
import type { FlowNode } from './types';
import { useStepTitle } from './use-step-title';

/** A stored step as the canvas holds it, so its title reads as the editor shows it. */
export const asFlowNode = (n: JourneyNode): FlowNode => ({ id: n.id, type: n.kind, position: { x: 0, y: 0 }, data: { label: n.label ?? '', config: n.config } }) as FlowNode;

type NodeOf = (id: string) => FlowNode | undefined;

/** The sentence's `nodeOf` finds the step it names (the editor's live node, or the run's stored one). */
export function useStepSentence(): (step: StepRecord, opts: SentenceOptions, nodeOf?: NodeOf) => string {
  const t = useTranslations();
  const stepTitle = useStepTitle();
  return useCallback(
    (step, opts, nodeOf) => {
      // A named step reads as its canvas title ("Wait 3 days" → "Chờ 3 ngày"); an unnamed one as "kind (id)".
      const resolve = (v: Text) => {
        if (v.key !== 'serverText.sentence.step') return undefined;
        const id = v.params?.id;
        const node = typeof id === 'string' ? nodeOf?.(id) : undefined;
        return node && node.data.label.trim() !== '' ? stepTitle(node) : undefined;
      };
      const tr = (k: string, p: Record<string, string | number>) => (t.has(k as never) ? t(k as never, p as never) : String(p.text ?? p.name ?? k));
      return formatText(tr, stepText(step, opts), resolve);
    },
    [t, stepTitle],
  );
}
