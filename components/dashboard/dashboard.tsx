'use client';
/** The dashboard: the SPEC's measure-and-optimise numbers, refreshed while it is open. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { BounceAlert } from '@/components/emails/bounce-alert';
import { useTRPC } from '@/lib/trpc/client';
import { EmailPerformance } from './email-performance';
import { SalesPerformance } from './sales-performance';
import { Bars } from './bars';
import { useFormat } from '@/components/ui/use-format';
import { isStage, isLifecycle } from './labels';

function Stat({ label, value, hint, testId }: { label: string; value: string | number; hint?: string; testId?: string }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="muted">{label}</div>
      <div style={{ fontSize: 26, fontWeight: 700 }}>{value}</div>
      {hint && <div className="muted" style={{ fontSize: 13 }}>{hint}</div>}
    </div>
  );
}

export function Dashboard() {
  const trpc = useTRPC();
  const t = useTranslations('dashboard');
  const tc = useTranslations('common');
  const ts = useTranslations('stages');
  const tl = useTranslations('lifecycle');
  const f = useFormat();
  const { data, error, isPending } = useQuery(trpc.dashboard.summary.queryOptions({}, { refetchInterval: 10_000 }));
  if (isPending) return <p className="muted">{tc('loading')}</p>;
  if (error) return <p className="alert" role="alert">{t('loadFailed', { message: error.message })}</p>;
  const { handoff, conversion, lifecycle } = data;
  return (
    <>
      <BounceAlert bounce={data.bounce} />
      {handoff.openPastSla > 0 && (
        <div className="alert" role="alert" data-testid="sla-alert">
          {t('slaAlert', { count: handoff.openPastSla })}
        </div>
      )}
      <div className="grid" aria-label={t('keyNumbers')}>
        <Stat label={t('active')} value={f.number(data.active)} testId="stat-active" />
        <Stat label={t('mqlSql')} value={`${f.number(lifecycle.mql ?? 0)} / ${f.number(lifecycle.sql ?? 0)}`} hint={t('mqlSqlHint')} testId="stat-lifecycle" />
        <Stat label={t('conversion')} value={f.pct(conversion.rate)} hint={t('conversionHint', { opportunities: conversion.opportunities, leads: conversion.leads })} testId="stat-conversion" />
        <Stat
          label={t('handoffAvg')}
          value={f.duration(handoff.avgMs)}
          hint={t('handoffHint', { median: f.duration(handoff.medianMs), acknowledged: handoff.acknowledged })}
          testId="stat-handoff"
        />
        <Stat label={t('openHandoffs')} value={f.number(handoff.open)} hint={t('pastSla', { count: handoff.openPastSla })} testId="stat-open-handoffs" />
        <Stat label={t('rates')} value={`${f.pct(data.emails.totals.openRate)} / ${f.pct(data.emails.totals.clickRate)}`} hint={t('sent', { count: data.emails.totals.sent })} />
      </div>
      <div className="grid">
        <section className="card" aria-labelledby="stages-h">
          <h2 id="stages-h">{t('perStage')}</h2>
          <Bars testId="stage-bars" items={Object.entries(data.stages).map(([stage, count]) => ({ label: isStage(stage) ? ts(stage) : stage, count, href: `/leads?stage=${stage}` }))} />
        </section>
        <section className="card" aria-labelledby="lifecycle-h">
          <h2 id="lifecycle-h">{t('lifecycle')}</h2>
          <Bars testId="lifecycle-bars" items={Object.entries(lifecycle).map(([stage, count]) => ({ label: isLifecycle(stage) ? tl(stage) : stage.toUpperCase(), count }))} />
        </section>
        <section className="card" aria-labelledby="scores-h">
          <h2 id="scores-h">{t('scores')}</h2>
          <Bars testId="score-bars" items={data.scores.map((b) => ({ label: b.label, count: b.count }))} />
        </section>
      </div>
      <SalesPerformance />
      <EmailPerformance emails={data.emails} />
      <p className="muted" style={{ fontSize: 12 }}>{t('updated', { at: f.dateTime(data.generatedAt) })}</p>
    </>
  );
}
