'use client';
/** The compiler's problems in the reader's language, naming each step by the title the canvas shows; English `message` when a problem has no key. */
import { useTranslations } from 'next-intl';
import { useCallback, useContext } from 'react';
import type { Problem } from '@/lib/journey/compiler';
import { formatText, type Text } from '@/lib/i18n/server-text';
import { StoreContext } from './editor-context';
import { useStepTitle } from './use-step-title';

export function useProblemText(): (p: Pick<Problem, 'message' | 'text'>) => string {
  const t = useTranslations();
  // The read-only version view has no store: steps are then named as the problem wrote them.
  const store = useContext(StoreContext);
  const stepTitle = useStepTitle();
  return useCallback(
    (p) => {
      if (!p.text || !t.has(p.text.key as never)) return p.message;
      // Read at call time, not subscribed: a problem's own params change whenever a title it names does.
      const nodes = store?.graph().nodes ?? [];
      const resolve = (v: Text) => {
        if (v.key !== 'serverText.step.named') return undefined;
        const node = nodes.find((n) => n.id === v.params?.id);
        return node ? `“${stepTitle(node)}”` : undefined;
      };
      return formatText((k, params) => t(k as never, params as never), p.text, resolve);
    },
    [t, store, stepTitle],
  );
}
