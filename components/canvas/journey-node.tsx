'use client';
/** The one custom node for every kind: title, summary, labelled output handles, problems and live counts. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useTranslations } from 'next-intl';
import { memo, useCallback, useContext } from 'react';
import { useServerText } from '@/components/ui/use-server-text';
import type { Goal } from '@/lib/journey/definition';
import { goalMessage, goalWords } from '@/lib/journey/enrolment-rules';
import en from '@/messages/en.json';
import { DecorationsContext } from './editor-context';
import { nodeSummary } from './node-summary';
import { outputLabel, outputsOf } from './transforms';
import type { FlowNode } from './types';
import { useKindLabel } from './use-kind-label';
import { useProblemText } from './use-problem-text';
import { useDefaultTitle, useStepTitle } from './use-step-title';

const NO_COUNTS = { waiting: 0, failed: 0, passed: 0, emailsSent: 0, conversions: 0 };

function JourneyNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  const t = useTranslations('journeyEditor');
  const kindLabel = useKindLabel();
  const stepTitle = useStepTitle();
  const say = useProblemText();
  const defaultTitle = useDefaultTitle();
  const serverText = useServerText();
  const goalIn = useCallback((g: Goal) => serverText(goalMessage(g), goalWords(g)), [serverText]);
  const deco = useContext(DecorationsContext);
  const node = { id, type, data, position: { x: 0, y: 0 } } as FlowNode;
  const problems = deco.problems.get(id);
  const overlay = deco.overlay ? (deco.overlay[id] ?? NO_COUNTS) : null;
  const title = stepTitle(node);
  // A condition's and a wait's outputs are fixed words; a branch's and a split's are names (default ones translated).
  const outName = (out: string) =>
    (type === 'condition' || type === 'wait_for_event') && Object.hasOwn(en.serverText.diff.out, out) ? serverText({ key: `serverText.diff.out.${out}` }, out) : defaultTitle(outputLabel(node, out));
  const classes = ['jnode', `jnode-${type}`, selected && 'is-selected', problems && 'has-problems', deco.path.has(id) && 'on-path'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`node-${id}`} aria-invalid={problems ? true : undefined}>
      {type !== 'trigger' && <Handle type="target" position={Position.Left} aria-label={t('node.into', { name: title })} />}
      <div className="jnode-kind">{kindLabel(type)}</div>
      <div className="jnode-title">{title}</div>
      <div className="jnode-summary">{nodeSummary(node, deco.templateLabels, t, goalIn)}</div>
      {outputsOf(node).length > 0 && (
        <ul className="jnode-outputs">
          {outputsOf(node).map((out) => (
            <li key={out} className="jnode-output">
              <span>{type === 'trigger' || out === 'next' ? t('node.then') : outName(out)}</span>
              <Handle type="source" position={Position.Right} id={out} aria-label={t('node.output', { name: outName(out) })} />
            </li>
          ))}
        </ul>
      )}
      {problems && (
        <ul className="jnode-problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}>{say(p)}</li>
          ))}
        </ul>
      )}
      {overlay && (
        <div className="jnode-overlay" data-testid={`overlay-${id}`} aria-label={t('node.liveCounts')}>
          <span title={t('node.waiting')}>⏳ {overlay.waiting}</span>
          <span title={t('node.passed')}>→ {overlay.passed}</span>
          {type === 'send_email' && <span title={t('node.sent')}>✉ {overlay.emailsSent}</span>}
          <span title={deco.overlayGoal ? t('node.goal', { goal: deco.overlayGoal }) : t('node.conversions')} data-testid={`overlay-conversions-${id}`}>
            ★ {overlay.conversions}
          </span>
          {overlay.failed > 0 && (
            <span title={t('node.failed')} className="jnode-failed" data-testid={`overlay-failed-${id}`}>
              ✖ {overlay.failed}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

export const JourneyNode = memo(JourneyNodeView);
