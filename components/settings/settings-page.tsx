'use client';
/** Settings: warnings first, then the scoring rules, their change log, stage thresholds, sending limits, languages and the sales team. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/lib/trpc/client';
import { ChangeLog } from './change-log';
import { NewRuleForm } from './new-rule-form';
import { Owners } from './owners';
import { RuleRow } from './rule-row';
import { RuleWarnings } from './rule-warnings';
import { EmailLanguage } from './email-language';
import { SendingLimits } from './sending-limits';
import { Thresholds } from './thresholds';
import { UiLanguage } from './ui-language';

export function SettingsPage() {
  const trpc = useTRPC();
  const t = useTranslations('settings');
  const tc = useTranslations('common');
  const { data, error, isPending } = useQuery(trpc.settings.scoring.queryOptions());
  if (isPending) return <p className="muted">{tc('loading')}</p>;
  if (error) return <p className="alert" role="alert">{error.message}</p>;
  const flagged = new Set(data.warnings.map((w) => w.ruleId));
  return (
    <>
      <RuleWarnings warnings={data.warnings} />
      <section className="card" aria-labelledby="rules-h">
        <h2 id="rules-h">{t('rules.title')}</h2>
        <table data-testid="scoring-rules">
          <thead>
            <tr>
              <th scope="col">{t('rules.rule')}</th>
              <th scope="col">{t('rules.points')}</th>
              <th scope="col">{t('rules.active')}</th>
              <th scope="col">{t('rules.oncePerLead')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {data.rules.map((r) => (
              // Keyed on updatedAt so a saved rule's row resets to the stored values.
              <RuleRow key={`${r.id}:${new Date(r.updatedAt).getTime()}`} rule={r} flagged={flagged.has(r.id)} />
            ))}
          </tbody>
        </table>
      </section>
      <NewRuleForm />
      <ChangeLog changes={data.changes} />
      <Thresholds key={JSON.stringify(data.thresholds)} thresholds={data.thresholds} />
      <SendingLimits />
      <UiLanguage />
      <EmailLanguage />
      <Owners />
    </>
  );
}
