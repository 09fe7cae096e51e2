'use client';
/** A step's title as the reader sees it: one the editor chose ("Wait 3 days", stored in English) in the reader's language, one the marketer typed as typed. */
import { useTranslations } from 'next-intl';
import { useCallback, useContext } from 'react';
import { useTemplateLabel } from '@/components/emails/use-template-label';
import { NODE_KIND_LABELS } from '@/lib/journey/graph';
import { formatText } from '@/lib/i18n/server-text';
import { eventText } from '@/lib/journey/words';
import en from '@/messages/en.json';
import { DecorationsContext } from './editor-context';
import { autoTitle } from './node-titles';
import { durationWords } from './node-summary';
import type { FlowNode } from './types';
import { useKindLabel } from './use-kind-label';

/** A template's label without its "(score 20–44)" hint, as autoTitle writes it. */
const shortTemplate = (label: string) => label.replace(/\s*\([^)]*\)\s*$/, '');

type DefaultTitle = keyof typeof en.journeyEditor.defaultTitle;
/** The default journey's step and range names, by their stored English. */
const DEFAULT_TITLES = new Map(Object.entries(en.journeyEditor.defaultTitle).map(([key, english]) => [english, key as DefaultTitle]));

/** A name the default journey wrote ("Route by score", "Below 20") in the reader's language; any other name as it is. */
export function useDefaultTitle(): (name: string) => string {
  const td = useTranslations('journeyEditor.defaultTitle');
  return useCallback(
    (name: string) => {
      const key = DEFAULT_TITLES.get(name.trim());
      return key ? td(key) : name;
    },
    [td],
  );
}

const KIND_BY_LABEL = new Map(Object.entries(NODE_KIND_LABELS).map(([kind, label]) => [label, kind as FlowNode['type']]));

/** A stored step name where only the name is at hand (a diff): a kind's or the default journey's name in the reader's language. */
export function useStepName(): (name: string) => string {
  const kindLabel = useKindLabel();
  const defaultTitle = useDefaultTitle();
  return useCallback(
    (name: string) => {
      const kind = KIND_BY_LABEL.get(name.trim());
      return kind ? kindLabel(kind) : defaultTitle(name);
    },
    [kindLabel, defaultTitle],
  );
}

export function useStepTitle(): (node: FlowNode) => string {
  const t = useTranslations('journeyEditor');
  const all = useTranslations();
  const kindLabel = useKindLabel();
  const templateLabel = useTemplateLabel();
  const defaultTitle = useDefaultTitle();
  const { templateLabels } = useContext(DecorationsContext);
  return useCallback(
    (node: FlowNode) => {
      const label = node.data.label.trim();
      if (label === '' || label === NODE_KIND_LABELS[node.type]) return kindLabel(node.type);
      if (label !== autoTitle(node, templateLabels)) return defaultTitle(node.data.label);
      const event = (type: string) => formatText((k, p) => all(k as never, p as never), eventText(type));
      switch (node.type) {
        case 'trigger':
          return node.data.config.on === 'event' ? event(node.data.config.eventType ?? '') : t('title.leadCaptured');
        case 'send_email': {
          const key = node.data.config.template;
          return shortTemplate(templateLabel({ key, label: templateLabels[key] ?? key }));
        }
        case 'wait':
          return t('title.wait', { duration: durationWords(t, node.data.config.duration) });
        case 'wait_for_event': {
          const types = node.data.config.eventTypes ?? [];
          return types.length ? t('title.waitFor', { events: types.map((x) => event(x).toLocaleLowerCase()).join(t('title.or')) }) : t('title.waitForAny');
        }
        default:
          return kindLabel(node.type);
      }
    },
    [t, all, kindLabel, templateLabel, defaultTitle, templateLabels],
  );
}
