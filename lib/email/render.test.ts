import { describe, expect, it } from 'vitest';
import { unsubscribeUrl as unsubscribeLink, verifyClick, verifyOpen, verifyUnsubscribe } from './links';
import { renderEmail, type RenderLead } from './render';
import { TEMPLATE_KEYS, TEMPLATES } from './templates';

const base = { productName: 'Leadflow', scheduleLink: 'https://cal.test/demo', appUrl: 'https://app.test' };
const unsubscribeUrl = 'https://app.test/api/unsubscribe?l=lead-1&s=sig';
const lead: RenderLead = { id: 'lead-1', email: 'linh@acme.test', firstName: 'Linh', lastName: 'Tran', company: 'Acme', score: 50, lastAction: 'download_whitepaper' };
const sales = { ownerName: 'john.doe', reason: "Lead score >= 60, last_action = 'schedule_demo'", ackUrl: 'https://app.test/api/handoff/h1/ack?token=t', slaMinutes: 15, minutesWaiting: 16 };
const marketingKeys = TEMPLATE_KEYS.filter((k) => TEMPLATES[k].kind === 'marketing');
const salesKeys = TEMPLATE_KEYS.filter((k) => TEMPLATES[k].kind === 'sales');

describe('every template renders', () => {
  it.each(marketingKeys)('%s: variables in subject, HTML and text; unsubscribe link', async (key) => {
    const r = await renderEmail(key, { ...base, lead, links: { unsubscribeUrl } });
    expect(r.kind).toBe('marketing');
    expect(r.subject).not.toContain('{{');
    expect(r.html).not.toContain('{{');
    expect(r.text).not.toContain('{{');
    expect(r.html).toContain(`href="${unsubscribeUrl.replace(/&/g, '&amp;')}"`);
    expect(r.text).toContain(unsubscribeUrl);
    expect(r.html).toContain(r.preheader);
    expect(r.text).not.toContain(r.preheader); // the preview line is hidden and skipped in text
    expect(`${r.subject} ${r.text}`).toMatch(/Linh|Acme|Leadflow/);
  });

  it.each(salesKeys)('%s: lead card, reason and acknowledge link, no unsubscribe', async (key) => {
    const r = await renderEmail(key, { ...base, lead, links: {}, sales });
    expect(r.kind).toBe('sales');
    for (const out of [r.html, r.text]) {
      expect(out).toContain('Linh Tran');
      expect(out).toContain('linh@acme.test');
      expect(out).not.toContain('{{');
      expect(out).not.toContain('Unsubscribe');
    }
    expect(r.html).toContain('https://app.test/api/handoff/h1/ack?token=t');
    expect(r.text).toContain('https://app.test/api/handoff/h1/ack?token=t');
    expect(r.text).toContain('schedule_demo');
    expect(r.subject).toContain('Linh Tran');
  });
});

describe('variables and fallbacks', () => {
  it('fills first_name, product_name, last_action and schedule_link', async () => {
    const r = await renderEmail('email-c-demo-invite', { ...base, lead: { ...lead, lastAction: 'visit_pricing' }, links: { unsubscribeUrl } });
    expect(r.subject).toBe('Linh, want to see it on your own leads?');
    expect(r.text).toContain('See Leadflow on your pipeline'.toUpperCase());
    expect(r.text).toContain('You have been looking at our pricing lately');
    expect(r.html).toContain('href="https://cal.test/demo"');
    expect(r.text).toContain('Book a demo https://cal.test/demo');
  });

  it('a CR/LF in a first name never reaches the Subject header', async () => {
    const r = await renderEmail('email-c-demo-invite', { ...base, lead: { ...lead, firstName: 'Linh\r\nBcc: victim@evil.test\u0000' }, links: { unsubscribeUrl } });
    expect([...r.subject].some((c) => c.charCodeAt(0) < 32)).toBe(false);
    expect(r.subject).toBe('Linh Bcc: victim@evil.test , want to see it on your own leads?');
  });

  it('falls back to "there" without a first name and to a neutral phrase without a last action', async () => {
    const r = await renderEmail('email-b-welcome-value', { ...base, lead: { email: 'x@y.test', firstName: '  ', lastAction: null }, links: { unsubscribeUrl } });
    expect(r.subject).toBe('Welcome, there: here is what Leadflow can do for you');
    expect(r.text).toContain('Thanks for checking us out.');
    expect(r.html).toContain('Welcome, there');
  });

  it('lets stored copy use any lead field and its own inline fallback', async () => {
    const copyOverride = {
      subject: '{{first_name}} at {{company}} ({{job_title|your role}}) — {{industry}}',
      paragraphs: ['Plan for {{company_size|a team of any size}}.'],
    };
    const r = await renderEmail('email-a-nurture', { ...base, lead: { ...lead, properties: { industry: 'SaaS' } }, copyOverride, links: { unsubscribeUrl } });
    expect(r.subject).toBe('Linh at Acme (your role) — SaaS');
    expect(r.text).toContain('Plan for a team of any size.');
    expect(r.text).not.toContain('60% of the leads'); // the override replaced the default paragraphs
    expect(r.text).toContain('See how it works'); // ...but the untouched CTA stays
  });

  it('rejects stored copy of the wrong shape with the template named', async () => {
    await expect(renderEmail('email-a-nurture', { ...base, lead, copyOverride: { paragraphs: 'not a list' }, links: { unsubscribeUrl } })).rejects.toThrow(
      /email-a-nurture.*paragraphs/,
    );
  });

  it('applies an A/B variant subject and a variant template', async () => {
    const bySubject = await renderEmail('email-a-nurture', { ...base, lead, variant: { id: 'b', subject: 'B for {{first_name}}' }, links: { unsubscribeUrl } });
    expect(bySubject.subject).toBe('B for Linh');
    const byTemplate = await renderEmail('email-c-case-study', { ...base, lead, variant: { id: 'b', template: 'email-c-demo-invite' }, links: { unsubscribeUrl } });
    expect(byTemplate.template).toBe('email-c-demo-invite');
    expect(byTemplate.subject).toContain('want to see it');
  });

  it('refuses unknown templates and marketing mail without an unsubscribe link', async () => {
    await expect(renderEmail('nope', { ...base, lead, links: { unsubscribeUrl } })).rejects.toThrow(/Unknown email template "nope"/);
    await expect(renderEmail('re-engage', { ...base, lead, links: {} })).rejects.toThrow(/unsubscribe/);
  });
});

describe('last-action blocks', () => {
  const render = (lastAction: string | null) => renderEmail('email-a-nurture', { ...base, lead: { ...lead, lastAction }, links: { unsubscribeUrl } });

  it('shows the ROI report block only after download_whitepaper', async () => {
    const r = await render('download_whitepaper');
    expect(r.html).toContain('data-block="download_whitepaper"');
    expect(r.text).toContain('YOUR ROI REPORT');
    expect(r.text).toContain('a team like Acme');
    expect(r.text).not.toContain('COMPARING PLANS?');
  });

  it('shows the plan comparison block only after visit_pricing', async () => {
    const r = await render('visit_pricing');
    expect(r.html).toContain('data-block="visit_pricing"');
    expect(r.text).toContain('COMPARING PLANS?');
    expect(r.text).not.toContain('YOUR ROI REPORT');
  });

  it('shows no block for other or missing actions', async () => {
    for (const action of ['register_webinar', null]) {
      const r = await render(action);
      expect(r.html).not.toContain('data-block=');
      expect(r.text).not.toMatch(/YOUR ROI REPORT|COMPARING PLANS/);
    }
  });
});

describe('tracking', () => {
  const secret = 'test-signing-secret';

  it('routes marketing links through the signed click tracker, keeps unsubscribe direct, adds the open pixel', async () => {
    const r = await renderEmail('email-c-demo-invite', {
      ...base,
      lead,
      links: { unsubscribeUrl, trackingBase: { messageId: 'msg-1', appUrl: 'https://app.test', secret } },
    });
    const hrefs = [...r.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const tracked = hrefs.filter((h) => h.startsWith('https://app.test/api/t/c?'));
    expect(tracked.length).toBeGreaterThan(0);
    expect(hrefs).toContain(unsubscribeUrl);
    const click = verifyClick(new URL(tracked[0]!).searchParams, { secret });
    expect(click).toEqual({ messageId: 'msg-1', url: 'https://cal.test/demo' });
    const pixel = /<img src="(https:\/\/app\.test\/api\/t\/o\?[^"]+)"/.exec(r.html)?.[1]?.replace(/&amp;/g, '&');
    expect(verifyOpen(new URL(pixel!).searchParams, { secret })).toBe('msg-1');
    expect(r.text).toContain('https://cal.test/demo'); // plain text stays readable
  });

  it('never tracks sales mail', async () => {
    const r = await renderEmail('sales-hot-lead', { ...base, lead, sales, links: { trackingBase: { messageId: 'm', appUrl: 'https://app.test', secret } } });
    expect(r.html).not.toContain('/api/t/');
  });

  it('verifies signatures and rejects tampering', () => {
    const u = new URL(`https://app.test/api/t/c?m=m1&u=${encodeURIComponent('https://a.test/')}&s=x`);
    expect(verifyClick(u.searchParams, { secret })).toBeNull();
    expect(verifyUnsubscribe({ l: 'lead-1', s: 'forged' }, { secret })).toBeNull();
    const signed = new URL(unsubscribeLink('lead-1', { appUrl: 'https://app.test', secret }));
    expect(signed.pathname).toBe('/api/unsubscribe');
    expect(verifyUnsubscribe(signed.searchParams, { secret })).toBe('lead-1');
    expect(verifyUnsubscribe(signed.searchParams, { secret: 'other-secret' })).toBeNull();
  });
});
