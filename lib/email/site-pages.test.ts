import { describe, expect, it } from 'vitest';
import { GET } from '@/app/site/[...slug]/route';
import { renderEmail, type RenderLead } from './render';
import { SITE_PAGES } from './site-pages';
import { TEMPLATE_KEYS, TEMPLATES } from './templates';

const base = { productName: 'Leadflow', scheduleLink: 'https://cal.test/demo', appUrl: 'https://app.test' };
const unsubscribeUrl = 'https://app.test/api/unsubscribe?l=lead-1&s=sig';
const marketingKeys = TEMPLATE_KEYS.filter((k) => TEMPLATES[k].kind === 'marketing');
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('default emails link to pages that exist', () => {
  // Each last action shows its own block (ROI report, plan comparison) with its own button.
  it.each(marketingKeys.flatMap((k) => ['download_whitepaper', 'visit_pricing', null].map((a) => [k, a] as const)))('%s (%s): every button opens a sample page or the booking link', async (key, lastAction) => {
    const lead: RenderLead = { id: 'lead-1', email: 'linh@acme.test', firstName: 'Linh', company: 'Acme', score: 10, lastAction };
    const r = await renderEmail(key, { ...base, lead, links: { unsubscribeUrl } });
    const links = hrefs(r.html).filter((u) => u !== unsubscribeUrl);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      if (link === base.scheduleLink) continue;
      const url = new URL(link);
      expect(url.origin).toBe('https://app.test');
      const path = url.pathname.replace(/^\/site\//, '');
      expect(url.pathname.startsWith('/site/') && SITE_PAGES[path] !== undefined, `${link} is a sample page`).toBe(true);
      const page = await GET(new Request(link), { params: Promise.resolve({ slug: path.split('/') }) });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(SITE_PAGES[path]!.title.replace(/'/g, '&#39;'));
    }
  });

  it('with the marketer\'s SITE_URL set, the same buttons open their own site', async () => {
    const lead: RenderLead = { id: 'lead-1', email: 'linh@acme.test', firstName: 'Linh', score: 10, lastAction: 'download_whitepaper' };
    const r = await renderEmail('email-a-nurture', { ...base, siteUrl: 'https://www.acme.test/', lead, links: { unsubscribeUrl } });
    expect(hrefs(r.html)).toEqual(expect.arrayContaining(['https://www.acme.test/how-it-works', 'https://www.acme.test/roi-report']));
  });

  it('an unknown sample page is a 404 page, not an error', async () => {
    const res = await GET(new Request('https://app.test/site/nope'), { params: Promise.resolve({ slug: ['nope'] }) });
    expect(res.status).toBe(404);
  });
});
