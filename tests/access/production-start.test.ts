/** Production mode: a start with any development-default secret exits non-zero naming it; one secret per purpose. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiKeys } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { authorizeRoute } from '@/server/route-access';
import { revokeDevApiKey } from '@/server/services/api-keys';
import { startTestDatabase } from '@/tests/support/postgres';
import { unsubscribeUrl, verifyUnsubscribe } from '@/lib/email/links';
import { DEV_ROOT_SECRET, type Env } from '@/lib/env';
import { defaultSecrets, secretFor } from '@/lib/secrets';

const ROOT = process.cwd();
const baseEnv: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string' && !/SECRET|DATABASE_URL|TEMPORAL_ADDRESS|RESEND_API_KEY|APP_URL|LEADFLOW_/.test(e[0])));

function prodStart(extra: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/prod.ts')], { cwd: ROOT, env: { ...baseEnv, ...extra } as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const strong = { LEADFLOW_SECRET: 'x'.repeat(48), WEBHOOK_SIGNING_SECRET: 'w'.repeat(40), RESEND_WEBHOOK_SECRET: 'whsec_cHJvZHVjdGlvbi1zZWNyZXQ=' };

describe('npm run start:prod', () => {
  it('refuses every development-default secret by name and exits non-zero', () => {
    const { code, out } = prodStart({});
    expect(code).toBe(1);
    for (const name of ['SESSION_SECRET', 'LINK_SIGNING_SECRET', 'WEBHOOK_SIGNING_SECRET', 'RESEND_WEBHOOK_SECRET']) expect(out).toContain(name);
  });

  it('names the one secret still at its default', () => {
    const { code, out } = prodStart({ ...strong, RESEND_WEBHOOK_SECRET: 'whsec_bGVhZGZsb3ctbG9jYWwtd2ViaG9vay1zZWNyZXQ=' });
    expect(code).toBe(1);
    expect(out).toContain('RESEND_WEBHOOK_SECRET');
    expect(out).not.toContain('SESSION_SECRET');
  });

  it('starts no embedded parts: without DATABASE_URL, TEMPORAL_ADDRESS and RESEND_API_KEY it says what to set', () => {
    const { code, out } = prodStart(strong);
    expect(code).toBe(1);
    expect(out).toMatch(/DATABASE_URL is not set/);
    expect(out).toMatch(/TEMPORAL_ADDRESS is not set/);
    expect(out).toMatch(/RESEND_API_KEY is not set/);
  });

  it('a production worker (`LEADFLOW_MODE=production npm run worker`) without a built workflow bundle exits 1 naming the command that builds it', () => {
    const dir = path.join(os.tmpdir(), `leadflow-no-bundle-${process.pid}`);
    const env: Record<string, string> = { ...baseEnv, ...strong, LEADFLOW_MODE: 'production', DATABASE_URL: 'postgres://leadflow@127.0.0.1:9/none', WORKFLOW_BUNDLE_DIR: dir };
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain(`The workflow bundle in ${dir} is missing. Build it once for every worker: npm run build:workflows`);
  });
});

describe('one secret per purpose', () => {
  const env = (over: Partial<Env>) => ({ LEADFLOW_SECRET: DEV_ROOT_SECRET, WEBHOOK_SIGNING_SECRET: 'hook-secret-value', RESEND_WEBHOOK_SECRET: 'whsec_x', ...over }) as Env;

  it('derives different keys for sessions and links, neither equal to the webhook secret', () => {
    const e = env({ LEADFLOW_SECRET: 'r'.repeat(40) });
    expect(new Set([secretFor('sessions', e), secretFor('links', e), e.WEBHOOK_SIGNING_SECRET]).size).toBe(3);
    expect(defaultSecrets(e)).toEqual([]);
  });

  it('an unsubscribe link signed with the outbound-webhook secret does not verify', () => {
    const forged = new URL(unsubscribeUrl('11111111-1111-4111-8111-111111111111', { appUrl: 'https://app.test', secret: 'leadflow-dev-webhook-secret' }));
    expect(verifyUnsubscribe(forged.searchParams)).toBeNull();
    const real = new URL(unsubscribeUrl('11111111-1111-4111-8111-111111111111', { appUrl: 'https://app.test' }));
    expect(verifyUnsubscribe(real.searchParams)).toBe('11111111-1111-4111-8111-111111111111');
  });
});

describe('the all-zero development key', () => {
  it('a production seed creates no key at all, and the production start revokes one a development run left behind', async () => {
    const tdb = await startTestDatabase({ isolated: true });
    try {
      // What scripts/prod.ts runs on start.
      await seedDatabase(tdb.db, { devApiKey: null });
      expect(await tdb.db.select().from(apiKeys)).toEqual([]);
      const devKey = 'lf_dev_0000000000000000000000000000';
      await seedDatabase(tdb.db, { devApiKey: devKey });
      const capture = () =>
        authorizeRoute(tdb.db, new Request('http://127.0.0.1/api/leads', { method: 'POST', headers: { authorization: `Bearer ${devKey}` } }), 'POST /api/leads').then(
          () => 200,
          (err: { status?: number }) => err.status ?? 500,
        );
      expect(await capture()).toBe(200);
      expect(await revokeDevApiKey(tdb.db, devKey)).toBe(1);
      expect(await capture()).toBe(401);
    } finally {
      await tdb.stop();
    }
  });
});
