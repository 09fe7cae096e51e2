'use client';
/** The trigger's panel: when the journey starts, who may enter and how often, its priority group, and the goal that ends it. */
import { useTranslations } from 'next-intl';
import type { Goal, NodeConfig } from '@/lib/journey/definition';
import { DEFAULT_PRIORITY } from '@/lib/journey/definition';
import { goalPreset, lifecycleFrom, LIFECYCLE_STAGES, SCORE_STAGES, stageFrom, withPriorityGroup } from '@/lib/journey/enrolment-rules';
import { NumberField, SelectField, TextField } from './fields';
import { blankRule, RuleList, useEventName } from './rule-builder';

type Trigger = NodeConfig<'trigger'>;
type OnChange = (config: Trigger, field: string) => void;

type GoalChoice = 'none' | 'demo' | 'opportunity' | 'lifecycle' | 'stage' | 'event' | 'custom';
const DEMO = 'schedule_demo';

function goalChoice(goal: Goal | undefined): { choice: GoalChoice; from?: string; eventType?: string } {
  const p = goalPreset(goal);
  if (p.preset === 'event') return p.eventType === DEMO ? { choice: 'demo' } : { choice: 'event', eventType: p.eventType };
  if (p.preset === 'lifecycle') return p.from === 'opportunity' ? { choice: 'opportunity' } : { choice: 'lifecycle', from: p.from };
  if (p.preset === 'stage') return { choice: 'stage', from: p.from };
  return { choice: p.preset };
}

const lifecycleGoal = (from: string, label = ''): Goal => ({ on: 'lead', match: 'all', rules: [{ field: 'lifecycle', op: 'in', value: lifecycleFrom(from) }], label });
const stageGoal = (from: string, label = ''): Goal => ({ on: 'lead', match: 'all', rules: [{ field: 'stage', op: 'in', value: stageFrom(from) }], label });

function goalFor(choice: GoalChoice, eventTypes: readonly string[], label: string): Goal | undefined {
  switch (choice) {
    case 'none':
      return undefined;
    case 'demo':
      return { on: 'event', eventType: DEMO, label };
    case 'opportunity':
      return lifecycleGoal('opportunity', label);
    case 'lifecycle':
      return lifecycleGoal('sql', label);
    case 'stage':
      return stageGoal('hot', label);
    case 'event':
      return { on: 'event', eventType: eventTypes.find((e) => e !== DEMO) ?? DEMO, label };
    case 'custom':
      return { on: 'lead', match: 'all', rules: [blankRule('lifecycle')], label };
  }
}

/** Drops a key whose value is undefined, so an emptied setting leaves no trace in the stored config. */
function withField<K extends keyof Trigger>(c: Trigger, key: K, value: Trigger[K] | undefined): Trigger {
  const next = { ...c } as Record<string, unknown>;
  if (value === undefined) delete next[key as string];
  else next[key as string] = value;
  return next as Trigger;
}

export function TriggerForm({ config: c, onChange, eventTypes }: { config: Trigger; onChange: OnChange; eventTypes: readonly string[] }) {
  const t = useTranslations('enrolment');
  const eventName = useEventName();
  const events = eventTypes.map((e) => ({ value: e, label: eventName(e) }));
  const reentry = c.reentry ?? { mode: 'never' as const };
  const goal = c.goal;
  const g = goalChoice(goal);
  const label = goal?.label ?? '';
  const entryMode = !c.entry ? 'everyone' : c.entry.match;
  return (
    <>
      <SelectField
        label={t('starts')}
        value={c.on}
        options={[
          { value: 'lead_captured', label: t('startsCaptured') },
          { value: 'event', label: t('startsEvent') },
        ]}
        onChange={(on) => {
          const { eventType: _drop, ...rest } = c as Trigger & { eventType?: string };
          onChange((on === 'event' ? { ...rest, on, eventType: eventTypes[0] ?? '' } : { ...rest, on }), 'on');
        }}
      />
      {c.on === 'event' && <SelectField label={t('event')} value={c.eventType} options={events} onChange={(eventType) => onChange({ ...c, eventType }, 'eventType')} />}

      <fieldset className="rows" data-testid="entry-conditions">
        <legend>{t('whoTitle')}</legend>
        <SelectField<'everyone' | 'all' | 'any'>
          label={t('who')}
          value={entryMode}
          options={[
            { value: 'everyone', label: t('whoEveryone') },
            { value: 'all', label: t('whoAll') },
            { value: 'any', label: t('whoAny') },
          ]}
          onChange={(m) => onChange(withField(c, 'entry', m === 'everyone' ? undefined : { match: m, rules: c.entry?.rules ?? [blankRule('source')] }), 'entry')}
        />
        {c.entry && <RuleList what="entry" rules={c.entry.rules} eventTypes={eventTypes} onChange={(rules) => onChange(withField(c, 'entry', rules.length ? { match: c.entry!.match, rules } : undefined), 'entry-rules')} />}
      </fieldset>

      <fieldset className="rows" data-testid="reentry">
        <legend>{t('reentryTitle')}</legend>
        <SelectField<'never' | 'after' | 'always'>
          label={t('reentry')}
          hint={t('reentryHint')}
          value={reentry.mode}
          options={[
            { value: 'never', label: t('reentryNever') },
            { value: 'after', label: t('reentryAfter') },
            { value: 'always', label: t('reentryAlways') },
          ]}
          onChange={(mode) => onChange(withField(c, 'reentry', mode === 'never' ? undefined : mode === 'after' ? { mode, days: 30 } : { mode }), 'reentry')}
        />
        {reentry.mode === 'after' && (
          <NumberField label={t('reentryDays')} min={1} max={3650} invalid={!(reentry.days >= 1)} value={reentry.days} onChange={(days) => onChange({ ...c, reentry: { mode: 'after', days: Math.round(days ?? 1) } }, 'reentry-days')} />
        )}
      </fieldset>

      <fieldset className="rows" data-testid="priority">
        <legend>{t('priorityTitle')}</legend>
        <TextField label={t('group')} hint={t('groupHint')} value={c.priorityGroup ?? ''} onChange={(v) => onChange(withPriorityGroup(c, v), 'priorityGroup')} />
        {c.priorityGroup?.trim() && (
          <NumberField label={t('priority')} hint={t('priorityHint')} min={1} max={999} value={c.priority ?? DEFAULT_PRIORITY} onChange={(v) => onChange(withField(c, 'priority', v === null ? undefined : Math.round(v)), 'priority')} />
        )}
      </fieldset>

      <fieldset className="rows" data-testid="goal">
        <legend>{t('goalTitle')}</legend>
        <SelectField<GoalChoice>
          label={t('goal')}
          hint={t('goalHint')}
          value={g.choice}
          options={(['none', 'demo', 'opportunity', 'lifecycle', 'stage', 'event', 'custom'] as const).map((v) => ({ value: v, label: t(`goals.${v}`) }))}
          onChange={(choice) => onChange(withField(c, 'goal', goalFor(choice, eventTypes, label)), 'goal')}
        />
        {g.choice === 'lifecycle' && (
          <SelectField label={t('goalFrom')} value={g.from ?? 'sql'} options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`choices.${s}`) }))} onChange={(from) => onChange({ ...c, goal: lifecycleGoal(from, label) }, 'goal-from')} />
        )}
        {g.choice === 'stage' && <SelectField label={t('goalFrom')} value={g.from ?? 'hot'} options={SCORE_STAGES.map((s) => ({ value: s, label: t(`choices.${s}`) }))} onChange={(from) => onChange({ ...c, goal: stageGoal(from, label) }, 'goal-from')} />}
        {g.choice === 'event' && goal?.on === 'event' && <SelectField label={t('goalEvent')} value={goal.eventType} options={events} onChange={(eventType) => onChange({ ...c, goal: { ...goal, eventType } }, 'goal-event')} />}
        {g.choice === 'custom' && goal?.on === 'lead' && (
          <>
            <SelectField<'all' | 'any'>
              label={t('goalMatch')}
              value={goal.match}
              options={[
                { value: 'all', label: t('matchAll') },
                { value: 'any', label: t('matchAny') },
              ]}
              onChange={(match) => onChange({ ...c, goal: { ...goal, match } }, 'goal-match')}
            />
            <RuleList what="goal" rules={goal.rules} eventTypes={eventTypes} onChange={(rules) => onChange({ ...c, goal: { ...goal, rules } }, 'goal-rules')} />
          </>
        )}
        {goal && <TextField label={t('goalLabel')} value={label} onChange={(v) => onChange({ ...c, goal: { ...goal, label: v } }, 'goal-label')} />}
      </fieldset>
    </>
  );
}
