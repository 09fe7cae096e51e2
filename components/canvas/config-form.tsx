'use client';
/** The form for one node's config, by kind; list-shaped parts live in config-lists.tsx. */
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

export function ConfigForm({ node, onChange, options }: { node: FlowNode; onChange: OnChange; options: FormOptions }) {
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
            label="Match"
            value={c.match ?? 'all'}
            options={[
              { value: 'all', label: 'All rules (and)' },
              { value: 'any', label: 'Any rule (or)' },
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
            label="Template"
            value={c.template}
            invalid={!c.template}
            hint={c.template ? undefined : 'Choose which email to send.'}
            options={[{ value: '', label: 'Choose a template…' }, ...options.templates.map((t) => ({ value: t.key, label: t.label }))]}
            onChange={(template) => onChange({ ...c, template }, 'template')}
          />
          <CheckboxField label="Send at most once per lead" checked={c.oncePerLead ?? true} onChange={(oncePerLead) => onChange({ ...c, oncePerLead }, 'oncePerLead')} />
          {/* Off by default: the same template from two journeys within 24 h is skipped, so one lead never gets it twice at once. */}
          <CheckboxField label="Send even if another journey sent it in the last 24 h" checked={c.repeatAcrossJourneys ?? false} onChange={(repeatAcrossJourneys) => onChange({ ...c, repeatAcrossJourneys }, 'repeatAcrossJourneys')} />
          <EmailVariants config={c} onChange={onChange} templates={options.templates} />
          <NumberField
            label="Holdout: % of leads who get no email here"
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
      return <DurationField label="Wait for" value={node.data.config.duration} onChange={(duration) => onChange({ duration }, 'duration')} />;
    case 'wait_for_event': {
      const c = node.data.config;
      const chosen = new Set(c.eventTypes ?? []);
      return (
        <>
          <fieldset className="rows">
            <legend>Continue on (none ticked = any event)</legend>
            {options.eventTypes.map((t) => (
              <CheckboxField
                key={t}
                label={t}
                checked={chosen.has(t)}
                onChange={(on) => onChange({ ...c, eventTypes: on ? [...chosen, t] : [...chosen].filter((x) => x !== t) }, 'eventTypes')}
              />
            ))}
          </fieldset>
          <DurationField label="Give up after" value={c.timeout} onChange={(timeout) => onChange({ ...c, timeout }, 'timeout')} />
        </>
      );
    }
    case 'handoff': {
      const c = node.data.config;
      const mode = c.owner?.mode ?? 'round_robin';
      return (
        <>
          <SelectField
            label="Owner"
            value={mode === 'fixed' ? c.owner.mode === 'fixed' && c.owner.ownerId ? c.owner.ownerId : '' : 'round_robin'}
            invalid={mode === 'fixed' && !(c.owner.mode === 'fixed' && c.owner.ownerId)}
            options={[{ value: 'round_robin', label: 'Round robin (next free owner)' }, ...options.owners.map((o) => ({ value: o.id, label: `${o.name} (@${o.handle})` }))]}
            onChange={(v) => onChange({ ...c, owner: v === 'round_robin' ? { mode: 'round_robin' } : { mode: 'fixed', ownerId: v } }, 'owner')}
          />
          <NumberField label="Minutes the owner has to act (SLA)" min={1} value={c.slaMinutes} onChange={(v) => onChange({ ...c, slaMinutes: v ?? 15 }, 'slaMinutes')} />
          <NumberField label="Escalate to the manager after (minutes)" min={1} value={c.escalationMinutes} onChange={(v) => onChange({ ...c, escalationMinutes: v ?? 30 }, 'escalationMinutes')} />
          <CheckboxField label="Reassign to another owner on escalation" checked={c.reassignOnEscalation ?? false} onChange={(v) => onChange({ ...c, reassignOnEscalation: v }, 'reassign')} />
        </>
      );
    }
    case 'update_lead': {
      const c = node.data.config;
      return (
        <>
          <SelectField label="Set stage" value={c.stage ?? ''} options={[{ value: '', label: 'Leave as is' }, ...opt(['cold', 'warm', 'engaged', 'hot'] as const)]} onChange={(v) => onChange({ ...c, stage: v || undefined }, 'stage')} />
          <SelectField
            label="Set lifecycle"
            value={c.lifecycle ?? ''}
            options={[{ value: '', label: 'Leave as is' }, ...opt(['lead', 'mql', 'sql', 'opportunity', 'customer'] as const)]}
            onChange={(v) => onChange({ ...c, lifecycle: v || undefined }, 'lifecycle')}
          />
          <TextField
            label="Add tags (comma separated)"
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
          <TextField label="URL" type="url" required invalid={!valid} hint={valid ? undefined : 'A full address, e.g. https://crm.example.com/hooks/lead'} value={c.url} onChange={(url) => onChange({ ...c, url }, 'url')} />
          <SelectField label="Method" value={c.method ?? 'POST'} options={opt(['POST', 'PUT'] as const)} onChange={(method) => onChange({ ...c, method }, 'method')} />
        </>
      );
    }
    case 'exit':
      return <CheckboxField label="Archive the lead" checked={node.data.config.archive ?? false} onChange={(archive) => onChange({ archive }, 'archive')} />;
  }
}
