'use client';
/** The Blasts page: the new-blast form for those who may send, and every recent blast with its progress. */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { BlastList } from './blast-list';
import { NewBlast } from './new-blast';

export function BlastsPage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const maySend = (me.data?.allowed ?? []).includes('blasts.start');
  return (
    <>
      {maySend && <NewBlast />}
      <BlastList mayCancel={(me.data?.allowed ?? []).includes('blasts.cancel')} />
    </>
  );
}
