/** The UI language through createCaller on real Postgres: a person's choice, the org default, the browser's, English. */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { localeForRequest } from '@/server/services/locale';
import { callerAs, signInNewUser, userAs } from '@/tests/support/caller';
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await startTestDatabase();
  db = tdb.db;
});
afterAll(async () => tdb.stop());

const withLanguage = (headers: Headers, acceptLanguage: string) => {
  const h = new Headers(headers);
  h.set('accept-language', acceptLanguage);
  return h;
};

describe('UI language', () => {
  it("keeps a person's choice on their user, and the request renders in it whatever the browser says", async () => {
    const marketer = await signInNewUser(db, 'marketer');
    const caller = callerAs(db, 'marketer');
    const me = await caller.me.get();
    expect(me.locale).toBeNull();
    expect(await localeForRequest(db, withLanguage((await userAs(db, 'marketer')).headers, 'en-US,en;q=0.9'))).toBe('en');

    expect(await caller.me.setLocale({ locale: 'vi' })).toEqual({ locale: 'vi' });
    expect((await caller.me.get()).locale).toBe('vi');

    expect(await localeForRequest(db, withLanguage((await userAs(db, 'marketer')).headers, 'en-US,en;q=0.9'))).toBe('vi');
    // Someone else is untouched by it.
    expect(await localeForRequest(db, withLanguage(marketer.headers, 'en-US'))).toBe('en');

    await caller.me.setLocale({ locale: null });
    expect((await caller.me.get()).locale).toBeNull();
  });

  it('falls back to the org default, then to Accept-Language, then English', async () => {
    const sales = await signInNewUser(db, 'sales');
    const admin = callerAs(db, 'admin');
    expect(await admin.settings.language()).toEqual({ locale: null });
    expect(await localeForRequest(db, withLanguage(sales.headers, 'vi-VN,vi;q=0.9'))).toBe('vi');
    expect(await localeForRequest(db, withLanguage(sales.headers, 'fr-FR'))).toBe('en');
    // Signed out (the sign-in page): the browser's language.
    expect(await localeForRequest(db, new Headers({ 'accept-language': 'vi' }))).toBe('vi');

    await admin.settings.saveLanguage({ locale: 'vi' });
    try {
      expect(await localeForRequest(db, withLanguage(sales.headers, 'en-US'))).toBe('vi');
      expect(await localeForRequest(db, new Headers({ 'accept-language': 'en' }))).toBe('vi');
    } finally {
      await admin.settings.saveLanguage({ locale: null });
    }
    expect(await localeForRequest(db, withLanguage(sales.headers, 'en-US'))).toBe('en');
  });

  it('refuses a language Leadflow does not speak, naming the field, and only admins set the org default', async () => {
    const refused = await callerAs(db, 'marketer')
      .me.setLocale({ locale: 'fr' as 'vi' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    expect((refused as TRPCError).message).toContain('locale');
    const forbidden = await callerAs(db, 'marketer')
      .settings.saveLanguage({ locale: 'vi' })
      .catch((e: unknown) => e);
    expect((forbidden as TRPCError).code).toBe('FORBIDDEN');
  });
});
