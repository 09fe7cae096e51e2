'use client';
/** The form for one node's config, by kind; list-shaped parts live in config-lists.tsx. */
import { useTranslations } from 'next-intl';
import { ConditionRules, EmailVariants, ScoreRanges, SplitVariants } from './config-lists';
import { CheckboxField, DurationField, NumberField, SelectField, TextField } from './fields';
import { TriggerForm } from './trigger-form';
import type { FlowNode } from './types';

export interface FormOptions {
  templates: readonly { key: string; label: string }[];
  eventTypes: readonly string[];
  owners: readonly { id: string; name: string; handle: string }[];
}

type OnChange = (config: unknown, field: string) => void;

const opt = <V extends string>(values: readonly V[]) => values.map((value) => ({ value, label: value }));
const STAGES = ['cold', 'warm', 'engaged', 'hot'] as const;
const LIFECYCLES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;

export function ConfigForm({ node, onChange, options }: { node: FlowNode; onChange: OnChange; options: FormOptions }) {
  const t = useTranslations('journeyEditor.form');
  const ts = useTranslations('stages');
  const tl = useTranslations('lifecycle');
  switch (node.type) {
    case 'trigger':
      return <TriggerForm config={node.data.config} onChange={onChange} eventTypes={options.eventTypes} />;
    case 'score_branch':
      return <ScoreRanges config={node.data.config} onChange={onChange} />;
    case 'condition': {
      const c = node.data.config;
      return (
        <>
          <SelectField<'all' | 'any'>
            label={t('match')}
            value={c.match ?? 'all'}
            options={[
              { value: 'all', label: t('matchAll') },
              { value: 'any', label: t('matchAny') },
            ]}
            onChange={(match) => onChange({ ...c, match }, 'match')}
          />
          <ConditionRules config={c} onChange={onChange} />
        </>
      );
    }
    case 'ab_split':
      return <SplitVariants config={node.data.config} onChange={onChange} />;
    case 'send_email': {
      const c = node.data.config;
      return (
        <>
          <SelectField
            label={t('template')}
            value={c.template}
            invalid={!c.template}
            hint={c.template ? undefined : t('chooseTemplateHint')}
            options={[{ value: '', label: t('chooseTemplate') }, ...options.templates.map((t) => ({ value: t.key, label: t.label }))]}
            onChange={(template) => onChange({ ...c, template }, 'template')}
          />
          <CheckboxField label={t('oncePerLead')} checked={c.oncePerLead ?? true} onChange={(oncePerLead) => onChange({ ...c, oncePerLead }, 'oncePerLead')} />
          {/* Off by default: the same template from two journeys within 24 h is skipped, so one lead never gets it twice at once. */}
          <CheckboxField label={t('repeatAcrossJourneys')} checked={c.repeatAcrossJourneys ?? false} onChange={(repeatAcrossJourneys) => onChange({ ...c, repeatAcrossJourneys }, 'repeatAcrossJourneys')} />
          <EmailVariants config={c} onChange={onChange} templates={options.templates} />
          <NumberField
            label={t('holdout')}
            allowEmpty
            min={0}
            max={50}
            value={c.holdoutPercent ?? null}
            onChange={(v) => onChange({ ...c, holdoutPercent: v === null || v <= 0 ? undefined : Math.min(50, Math.round(v)) }, 'holdoutPercent')}
          />
        </>
      );
    }
    case 'wait':
      return <DurationField label={t('waitFor')} value={node.data.config.duration} onChange={(duration) => onChange({ duration }, 'duration')} />;
    case 'wait_for_event': {
      const c = node.data.config;
      const chosen = new Set(c.eventTypes ?? []);
      return (
        <>
          <fieldset className="rows">
            <legend>{t('continueOn')}</legend>
            {options.eventTypes.map((type) => (
              <CheckboxField
                key={type}
                label={type}
                checked={chosen.has(type)}
                onChange={(on) => onChange({ ...c, eventTypes: on ? [...chosen, type] : [...chosen].filter((x) => x !== type) }, 'eventTypes')}
              />
            ))}
          </fieldset>
          <DurationField label={t('giveUpAfter')} value={c.timeout} onChange={(timeout) => onChange({ ...c, timeout }, 'timeout')} />
        </>
      );
    }
    case 'handoff': {
      const c = node.data.config;
      const mode = c.owner?.mode ?? 'round_robin';
      return (
        <>
          <SelectField
            label={t('owner')}
            value={mode === 'fixed' ? c.owner.mode === 'fixed' && c.owner.ownerId ? c.owner.ownerId : '' : 'round_robin'}
            invalid={mode === 'fixed' && !(c.owner.mode === 'fixed' && c.owner.ownerId)}
            options={[{ value: 'round_robin', label: t('roundRobin') }, ...options.owners.map((o) => ({ value: o.id, label: `${o.name} (@${o.handle})` }))]}
            onChange={(v) => onChange({ ...c, owner: v === 'round_robin' ? { mode: 'round_robin' } : { mode: 'fixed', ownerId: v } }, 'owner')}
          />
          <NumberField label={t('sla')} min={1} value={c.slaMinutes} onChange={(v) => onChange({ ...c, slaMinutes: v ?? 15 }, 'slaMinutes')} />
          <NumberField label={t('escalateAfter')} min={1} value={c.escalationMinutes} onChange={(v) => onChange({ ...c, escalationMinutes: v ?? 30 }, 'escalationMinutes')} />
          <CheckboxField label={t('reassign')} checked={c.reassignOnEscalation ?? false} onChange={(v) => onChange({ ...c, reassignOnEscalation: v }, 'reassign')} />
        </>
      );
    }
    case 'update_lead': {
      const c = node.data.config;
      return (
        <>
          <SelectField label={t('setStage')} value={c.stage ?? ''} options={[{ value: '', label: t('leaveAsIs') }, ...STAGES.map((s) => ({ value: s, label: ts(s) }))]} onChange={(v) => onChange({ ...c, stage: v || undefined }, 'stage')} />
          <SelectField
            label={t('setLifecycle')}
            value={c.lifecycle ?? ''}
            options={[{ value: '', label: t('leaveAsIs') }, ...LIFECYCLES.map((l) => ({ value: l, label: tl(l) }))]}
            onChange={(v) => onChange({ ...c, lifecycle: v || undefined }, 'lifecycle')}
          />
          <TextField
            label={t('addTags')}
            value={(c.addTags ?? []).join(', ')}
            onChange={(v) => onChange({ ...c, addTags: v.split(',').map((s) => s.trim()).filter(Boolean) }, 'addTags')}
          />
        </>
      );
    }
    case 'webhook': {
      const c = node.data.config;
      let valid = false;
      try {
        valid = Boolean(new URL(c.url));
      } catch {
        valid = false;
      }
      return (
        <>
          <TextField label={t('url')} type="url" required invalid={!valid} hint={valid ? undefined : t('urlHint')} value={c.url} onChange={(url) => onChange({ ...c, url }, 'url')} />
          <SelectField label={t('method')} value={c.method ?? 'POST'} options={opt(['POST', 'PUT'] as const)} onChange={(method) => onChange({ ...c, method }, 'method')} />
        </>
      );
    }
    case 'exit':
      return <CheckboxField label={t('archive')} checked={node.data.config.archive ?? false} onChange={(archive) => onChange({ archive }, 'archive')} />;
  }
}
