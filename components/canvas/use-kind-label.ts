'use client';
/** A step kind's name in the reader's language ("Send email", "Gửi email"); stored titles stay as the marketer left them. */
import { useTranslations } from 'next-intl';
import type { NodeKind } from '@/lib/journey/definition';

export function useKindLabel(): (kind: NodeKind) => string {
  const t = useTranslations('journeyEditor.kind');
  return (kind) => t(kind);
}
