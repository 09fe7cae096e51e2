/** Per-language email copy: which language a send picks, the fallback when a language has no copy, and Vietnamese rendering. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COPY } from '@/emails/copy/defaults';
import { DEFAULT_COPY_VI } from '@/emails/copy/defaults-vi';
import { splitFullName } from '@/lib/people/names';
import { interpolate } from './interpolate';
import { chooseLocale, normalizeLanguage } from './locales';
import { unknownPlaceholders } from './placeholders';
import { hasCopy, renderEmail, selectCopy, type RenderLead } from './render';
import { TEMPLATE_KEYS, TEMPLATES } from './templates';

const base = { productName: 'Leadflow', scheduleLink: 'https://cal.test/demo', appUrl: 'https://app.test' };
const links = { unsubscribeUrl: 'https://app.test/api/unsubscribe?l=lead-vn&s=sig' };
const lan: RenderLead = { id: 'lead-vn', email: 'lan@saoviet.test', ...splitFullName('Nguyễn Thị Lan'), company: 'Sao Việt', score: 30, lastAction: 'download_whitepaper' };
const sales = { ownerName: 'minh.tran', reason: 'Lead score >= 60', ackUrl: 'https://app.test/api/handoff/h1/ack?token=t', slaMinutes: 15, minutesWaiting: 16 };

describe('which language a send uses', () => {
  it('the lead’s own language first, then the org default, then English', () => {
    expect(chooseLocale('vi', 'en')).toBe('vi');
    expect(chooseLocale('en', 'vi')).toBe('en');
    expect(chooseLocale(null, 'vi')).toBe('vi');
    expect(chooseLocale(undefined, undefined)).toBe('en');
    expect(chooseLocale('fr', 'de')).toBe('en');
  });

  it('reads tags and names as their language; refuses languages Leadflow does not mail in', () => {
    expect(['vi', 'VI', 'vi-VN', 'vi_VN', 'Vietnamese', 'Tiếng Việt', ' tieng viet '].map(normalizeLanguage)).toEqual(Array(7).fill('vi'));
    expect(['en', 'en-US', 'EN-gb', 'English'].map(normalizeLanguage)).toEqual(Array(4).fill('en'));
    expect(['fr', 'fr-FR', 'vietnam', '', 'v', 'vi--VN'].map(normalizeLanguage)).toEqual(Array(6).fill(null));
  });
});

describe('default copy in both languages', () => {
  it.each(TEMPLATE_KEYS)('%s has Vietnamese copy using only known placeholders, with the same placeholders as the English', (key) => {
    const vi = DEFAULT_COPY_VI[key];
    const en = DEFAULT_COPY[key];
    const texts = (c: typeof vi) => [c.subject, c.preheader, c.heading, ...c.paragraphs, c.cta?.label ?? '', c.cta?.url ?? ''].join('\n');
    expect(vi.subject).not.toBe(en.subject);
    expect(unknownPlaceholders(texts(vi), { sales: TEMPLATES[key].kind === 'sales' })).toEqual([]);
    const names = (t: string) => [...t.matchAll(/\{\{\s*([a-z_]+)/g)].map((m) => m[1]).sort();
    expect(new Set(names(texts(vi)))).toEqual(new Set(names(texts(en))));
    expect(vi.cta?.url).toBe(en.cta?.url);
  });
});

describe('copy per language and its fallback', () => {
  const enCopy = { subject: 'Our webinar, {{first_name}}', heading: 'See you there', paragraphs: ['English body.'] };
  const viCopy = { subject: 'Hội thảo của chúng tôi, anh/chị {{first_name}}', heading: 'Hẹn gặp anh/chị', paragraphs: ['Nội dung tiếng Việt.'] };

  it('a built-in template always has its own copy in the chosen language, even when only the other one was edited', () => {
    const r = selectCopy('email-a-nurture', 'email-a-nurture', 'vi', { en: { subject: 'Edited English subject' } });
    expect(r.locale).toBe('vi');
    expect(r.copy.subject).toBe(DEFAULT_COPY_VI['email-a-nurture'].subject);
  });

  it('stored copy in the chosen language is merged over that language’s defaults', () => {
    const r = selectCopy('email-a-nurture', 'email-a-nurture', 'vi', { vi: { subject: 'Tiêu đề mới cho {{first_name}}' } });
    expect(r.copy.subject).toBe('Tiêu đề mới cho {{first_name}}');
    expect(r.copy.heading).toBe(DEFAULT_COPY_VI['email-a-nurture'].heading);
  });

  it('a created template with no Vietnamese copy sends its English copy to a Vietnamese lead, and the other way round', () => {
    const onlyEn = selectCopy('custom-webinar-abc123', 're-engage', 'vi', { en: enCopy });
    expect(onlyEn.locale).toBe('en');
    expect(onlyEn.copy.subject).toBe(enCopy.subject);
    const onlyVi = selectCopy('custom-webinar-abc123', 're-engage', 'en', { vi: viCopy });
    expect(onlyVi.locale).toBe('vi');
    expect(onlyVi.copy.paragraphs).toEqual(['Nội dung tiếng Việt.']);
    const both = selectCopy('custom-webinar-abc123', 're-engage', 'vi', { en: enCopy, vi: viCopy });
    expect(both).toMatchObject({ locale: 'vi', copy: { subject: viCopy.subject } });
  });

  it('copy with no words in it counts as empty and falls back', () => {
    expect(hasCopy({ subject: '  ', paragraphs: ['', ' '] })).toBe(false);
    expect(hasCopy({ paragraphs: ['x'] })).toBe(true);
    const r = selectCopy('custom-webinar-abc123', 're-engage', 'vi', { en: enCopy, vi: { preheader: ' ', paragraphs: [] } });
    expect(r.locale).toBe('en');
  });

  it('with no copy in either language a created template renders its layout’s defaults in the chosen language', () => {
    const r = selectCopy('custom-webinar-abc123', 're-engage', 'vi', {});
    expect(r).toMatchObject({ locale: 'vi', copy: { subject: DEFAULT_COPY_VI['re-engage'].subject } });
  });
});

describe('rendering in Vietnamese', () => {
  it('greets the given name with the Vietnamese honorific, and the layout’s own words are Vietnamese', async () => {
    const r = await renderEmail('email-a-nurture', { ...base, lead: lan, links, locale: 'vi' });
    expect(r.locale).toBe('vi');
    expect(r.subject).toBe('Anh/chị Lan, một gợi ý nhỏ để không bỏ lỡ khách hàng tiềm năng');
    expect(r.html).toContain('Chào anh/chị Lan,');
    expect(r.html).toContain('lang="vi"');
    expect(r.text).toContain('Hủy đăng ký');
    expect(r.text).not.toContain('Unsubscribe');
    expect(`${r.subject} ${r.text}`).not.toContain('Nguyễn');
    // The download_whitepaper block, in Vietnamese, with the lead's company.
    expect(r.text).toContain('Báo cáo ROI dành cho anh/chị'.toUpperCase());
    expect(r.text).toContain('cho một đội ngũ như Sao Việt');
  });

  it('without a first name the honorific stands alone, with no stray space', async () => {
    const r = await renderEmail('re-engage', { ...base, lead: { email: 'x@y.test', firstName: null }, links, locale: 'vi' });
    expect(r.subject).toBe('Anh/chị còn quan tâm chứ?');
    const a = await renderEmail('email-a-nurture', { ...base, lead: { email: 'x@y.test' }, links, locale: 'vi' });
    expect(a.html).toContain('Chào anh/chị,');
    expect(interpolate('Chào anh/chị {{first_name}}!', {}, 'vi')).toBe('Chào anh/chị!');
    expect(interpolate('Hi {{first_name}},', {}, 'en')).toBe('Hi there,');
  });

  it('last_action reads as a Vietnamese phrase after "đã"', async () => {
    const r = await renderEmail('email-b-welcome-value', { ...base, lead: { ...lan, lastAction: 'visit_pricing' }, links, locale: 'vi' });
    expect(r.text).toContain('Cảm ơn anh/chị đã xem bảng giá của chúng tôi.');
  });

  it('a sales notification in Vietnamese: card labels, footer and the lead named family name first', async () => {
    const r = await renderEmail('sales-hot-lead', { ...base, lead: { ...lan, score: 70 }, links: {}, sales, locale: 'vi' });
    expect(r.subject).toBe('Khách hàng nóng: Nguyễn Thị Lan (70 điểm), gọi ngay');
    expect(r.text).toContain('Công ty:');
    expect(r.text).toContain('Liên kết xác nhận:');
  });

  it('a created template laid out as re-engage renders its own Vietnamese copy, falling back to English when it has none', async () => {
    const custom = { 'custom-webinar-abc123': 're-engage' as const };
    const vi = await renderEmail('custom-webinar-abc123', { ...base, lead: lan, links, locale: 'vi', custom, copies: { en: { subject: 'Webinar, {{first_name}}' }, vi: { subject: 'Hội thảo, anh/chị {{first_name}}' } } });
    expect(vi).toMatchObject({ subject: 'Hội thảo, anh/chị Lan', locale: 'vi', template: 're-engage' });
    expect(vi.text).toContain('Ngừng nhận các email này');
    const fallback = await renderEmail('custom-webinar-abc123', { ...base, lead: lan, links, locale: 'vi', custom, copies: { en: { subject: 'Webinar, {{first_name}}' } } });
    expect(fallback).toMatchObject({ subject: 'Webinar, Lan', locale: 'en' });
    expect(fallback.text).toContain('Stop these emails');
    await expect(renderEmail('custom-unknown', { ...base, lead: lan, links, locale: 'vi' })).rejects.toThrow(/Unknown email template/);
  });
});
