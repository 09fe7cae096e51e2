/** Formats a server Text with the Vietnamese catalog, failing loudly on a missing key or param instead of printing the key. */
import { createTranslator } from 'use-intl/core';
import vi from '@/messages/vi.json';
import { formatText, type Text } from './server-text';

const translate = createTranslator({
  locale: 'vi',
  messages: vi,
  onError: (e) => {
    throw e;
  },
});

export const inVietnamese = (t: Text): string => formatText((k, p) => translate(k as never, p as never), t);
