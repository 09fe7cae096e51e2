import { describe, expect, it } from 'vitest';
import { PLACEHOLDERS, unknownPlaceholders } from './placeholders';
import type { EmailCopy } from '@/emails/copy/defaults';
import { templateVars } from './render';

describe('unknownPlaceholders', () => {
  it('flags a typo with the nearest known name', () => {
    expect(unknownPlaceholders('Hi {{firstname}}, {{ company }}')).toEqual([
      { name: 'firstname', suggestion: 'first_name', message: 'Unknown placeholder {{firstname}} — did you mean {{first_name}}?' },
    ]);
  });

  it('accepts inline fallbacks and sales-only names only in sales copy', () => {
    expect(unknownPlaceholders('{{first_name|friend}} from {{company}}')).toEqual([]);
    expect(unknownPlaceholders('{{owner_name}}').map((u) => u.name)).toEqual(['owner_name']);
    expect(unknownPlaceholders('{{owner_name}}', { sales: true })).toEqual([]);
  });

  it('lists every variable the renderer fills, so a listed name never renders as nothing', () => {
    const vars = templateVars(
      { email: 'a@b.c', firstName: 'A', lastName: 'B', company: 'C', jobTitle: 'D', phone: '1', companySize: 5, score: 3, lastAction: 'visit_pricing' },
      { productName: 'P', scheduleLink: 'https://s', appUrl: 'https://a', sales: { ownerName: 'O', reason: 'R', ackUrl: 'https://k', slaMinutes: 15, minutesWaiting: 2 } },
    );
    for (const p of PLACEHOLDERS) expect(vars[p.name], p.name).not.toBeUndefined();
  });
});

describe('default copy', () => {
  it('uses only listed placeholders', async () => {
    const { DEFAULT_COPY } = await import('@/emails/copy/defaults');
    for (const [key, copy] of Object.entries(DEFAULT_COPY) as [string, EmailCopy][]) {
      const texts = [copy.subject, copy.preheader, copy.heading, ...copy.paragraphs, copy.cta?.label ?? '', copy.cta?.url ?? ''];
      for (const b of Object.values(copy.blocks ?? {})) texts.push(b.heading, ...b.paragraphs, b.cta?.label ?? '', b.cta?.url ?? '');
      expect(texts.flatMap((t) => unknownPlaceholders(t, { sales: key.startsWith('sales-') })), key).toEqual([]);
    }
  });
});
