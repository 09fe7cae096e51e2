/** Which language a request renders in: the user's choice, the org default, the browser's Accept-Language, English. */
import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, resolveLocale } from './locales';

describe('fromAcceptLanguage', () => {
  it('takes the best-weighted supported language', () => {
    expect(fromAcceptLanguage('vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('vi');
    expect(fromAcceptLanguage('en-US,en;q=0.9,vi;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('fr-FR,fr;q=0.9,vi;q=0.5')).toBe('vi');
    expect(fromAcceptLanguage('en;q=0.2, vi;q=0.8')).toBe('vi');
  });
  it('knows nothing from an absent, unsupported or refused header', () => {
    expect(fromAcceptLanguage(null)).toBeNull();
    expect(fromAcceptLanguage('fr,de;q=0.5')).toBeNull();
    expect(fromAcceptLanguage('vi;q=0')).toBeNull();
  });
});

describe('resolveLocale', () => {
  it('prefers the user, then the org, then the browser, then English', () => {
    expect(resolveLocale({ user: 'vi', org: 'en', acceptLanguage: 'en' })).toBe('vi');
    expect(resolveLocale({ user: null, org: 'vi', acceptLanguage: 'en' })).toBe('vi');
    expect(resolveLocale({ user: null, org: null, acceptLanguage: 'vi-VN' })).toBe('vi');
    expect(resolveLocale({ user: 'xx', org: 'yy', acceptLanguage: 'fr' })).toBe('en');
    expect(resolveLocale({})).toBe('en');
  });
});
