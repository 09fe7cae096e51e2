'use client';
/** The emails page: bounce alert, outbox, the selected message, A/B tests, the copy editor and template previews. */
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useFormat } from '@/components/ui/use-format';
import { useTRPC } from '@/lib/trpc/client';
import { ExperimentsPanel } from '@/components/experiments/experiments-panel';
import { BounceAlert } from './bounce-alert';
import { CopyEditor } from './copy-editor';
import { MessageView } from './message-view';
import { Outbox } from './outbox';
import { TemplatePreview } from './template-preview';

export function EmailsPage({ initialMessage }: { initialMessage?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations('emails');
  const { pct, number } = useFormat();
  const [selected, setSelected] = useState<string | null>(initialMessage ?? null);
  const bounce = useQuery(trpc.emails.bounceRate.queryOptions({ sinceDays: 7 }, { refetchInterval: 30_000 }));
  // Keep the selection in the URL so a message view can be linked from a lead page and shared.
  const select = (id: string | null) => {
    setSelected(id);
    router.replace(id ? `/emails?message=${id}` : '/emails', { scroll: false });
  };
  return (
    <>
      {bounce.data && <BounceAlert bounce={bounce.data} />}
      {bounce.data && (
        <p className="muted" data-testid="bounce-rate">
          {t('bounceRate', { rate: pct(bounce.data.rate), bounced: number(bounce.data.bounced), sent: number(bounce.data.sent) })}
        </p>
      )}
      {selected && <MessageView id={selected} onClose={() => select(null)} />}
      <Outbox selected={selected} onSelect={select} />
      <ExperimentsPanel />
      <CopyEditor />
      <TemplatePreview />
    </>
  );
}
