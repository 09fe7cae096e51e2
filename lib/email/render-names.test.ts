/** Vietnamese names in mail: greetings use the given name, and the full name reads family name first, as its owner writes it. */
import { describe, expect, it } from 'vitest';
import { splitFullName } from '@/lib/people/names';
import { renderEmail, templateVars, type RenderLead } from './render';

const base = { productName: 'Leadflow', scheduleLink: 'https://cal.test/demo', appUrl: 'https://app.test' };
const split = splitFullName('Nguyễn Thị Lan');
const lan: RenderLead = { id: 'lead-vn', email: 'lan@saoviet.test', ...split, company: 'Sao Việt', score: 70, lastAction: 'schedule_demo' };
const sales = { ownerName: 'john.doe', reason: 'Lead score >= 60', ackUrl: 'https://app.test/api/handoff/h1/ack?token=t', slaMinutes: 15 };

describe('Vietnamese-aware names in email', () => {
  it('lead_name is family name first when name_order says so, given name first otherwise', () => {
    expect(split).toEqual({ firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first' });
    expect(templateVars(lan, base)).toMatchObject({ first_name: 'Lan', lead_name: 'Nguyễn Thị Lan' });
    expect(templateVars({ email: 'j@x.test', firstName: 'John', lastName: 'Smith', nameOrder: 'given_first' }, base).lead_name).toBe('John Smith');
  });

  it('a nurture email greets the given name, never the family name', async () => {
    const r = await renderEmail('email-a-nurture', { ...base, lead: lan, links: { unsubscribeUrl: 'https://app.test/u' } });
    expect(r.subject.startsWith('Lan,')).toBe(true);
    expect(r.html).toContain('Hi Lan,');
    expect(`${r.subject} ${r.text}`).not.toContain('Nguyễn');
  });

  it('the sales notification names the lead as written: "Nguyễn Thị Lan", not "Lan Nguyễn Thị"', async () => {
    const r = await renderEmail('sales-hot-lead', { ...base, lead: lan, links: {}, sales });
    expect(r.subject).toContain('Nguyễn Thị Lan');
    for (const out of [r.subject, r.html, r.text]) expect(out).not.toContain('Lan Nguyễn Thị');
    expect(r.text).toContain('Nguyễn Thị Lan');
  });
});
