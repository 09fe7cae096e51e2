/** CSV import end to end under Temporal's test server with the real activities on real Postgres: dry run, import, merge, errors, and a 100,000-row file. */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { leadImports, leads, leadTouchpoints, signalOutbox } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { importStatus, startImportRun, storeUpload } from '@/server/services/csv-import';
import { captureLead, captureLeadSchema } from '@/lib/capture/capture-lead';
// A database of its own: other files edit the seeded scoring rules these tests score Vietnamese titles with.
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { createImportActivities } from '../worker/activities/import-activities';
import { createTestEnv, workflowBundle } from './testing/harness';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let db: Db;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `csv-import-${randomUUID()}`;

beforeAll(async () => {
  [env, tdb] = await Promise.all([createTestEnv(), startTestDatabase({ isolated: true })]);
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_0123456789abcdef0123' });
  worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createImportActivities({ db }),
  });
  running = worker.run();
}, 120_000);
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await tdb?.stop();
});

const temporal = () => ({ client: async () => env.client, taskQueue });

async function runToEnd(importId: string, mode: 'dry_run' | 'import', mapping: Record<string, string>, enterJourneys = true) {
  const { workflowId } = await startImportRun(db, temporal(), { importId, mode, mapping, source: 'csv_import', enterJourneys });
  await env.client.workflow.getHandle(workflowId).result();
  return (await importStatus(db, importId))!;
}

describe('CSV import', () => {
  it('dry-runs without writing, then imports: bad rows reported by row and column, duplicates merged like the API, mapping remembered', async () => {
    const tag = randomUUID().slice(0, 8);
    const known = await captureLead(db, captureLeadSchema.parse({ email: `known-${tag}@csv.test`, source: 'api', company: 'Old Co' }));
    const csv = [
      'E-mail,Họ và tên,Công ty,Chức vụ,Campaign,Favourite colour',
      `lan-${tag}@csv.test,Nguyễn Thị Lan,Sao Việt,Giám đốc Marketing,summer2024,blue`,
      `not-an-email,Bad Row,Acme,,summer2024,red`,
      `known-${tag}@csv.test,Trần Văn Minh,New Co,,summer2024,`,
      `,No Email,Acme,,,`,
    ].join('\n');
    const { id } = await storeUpload(db, 'contacts.csv', Readable.from([csv]));
    const uploaded = (await importStatus(db, id))!;
    expect(uploaded).toMatchObject({ totalRows: 4, status: 'uploaded' });
    expect(uploaded.mapping).toEqual({ 'E-mail': 'email', 'Họ và tên': 'name', 'Công ty': 'company', 'Chức vụ': 'job_title', Campaign: 'utm_campaign', 'Favourite colour': 'property' });

    const mapping = { ...uploaded.mapping, 'Favourite colour': '' };
    const dry = await runToEnd(id, 'dry_run', mapping);
    expect(dry).toMatchObject({ status: 'dry_run_done', processed: 4, created: 2, failed: 2 });
    expect(dry.errors).toMatchObject([
      { row: 2, field: 'email', message: 'must be a valid email address (column “E-mail”)' },
      { row: 4, field: 'email', message: 'is required' },
    ]);
    // Stored with their message keys, so the import page words them in Vietnamese too.
    expect(dry.errors.map((e) => inVietnamese(e.text!))).toEqual(['phải là một địa chỉ email hợp lệ (cột “E-mail”)', 'là bắt buộc']);
    expect(await db.select().from(leads).where(eq(leads.email, `lan-${tag}@csv.test`))).toHaveLength(0);

    const done = await runToEnd(id, 'import', mapping);
    expect(done).toMatchObject({ status: 'done', processed: 4, created: 1, merged: 1, failed: 2 });
    const [lan] = await db.select().from(leads).where(eq(leads.email, `lan-${tag}@csv.test`));
    expect(lan).toMatchObject({ firstName: 'Lan', lastName: 'Nguyễn Thị', company: 'Sao Việt', source: 'csv_import', properties: {} });
    expect(lan!.score).toBeGreaterThanOrEqual(10); // Giám đốc scores as a decision maker
    const [merged] = await db.select().from(leads).where(eq(leads.id, known.leadId));
    expect(merged).toMatchObject({ company: 'Old Co', firstName: 'Minh' });
    const touch = await db.select().from(leadTouchpoints).where(eq(leadTouchpoints.leadId, known.leadId));
    expect(touch.map((t) => t.source).sort()).toEqual(['api', 'csv_import']);
    expect(await db.select().from(signalOutbox).where(eq(signalOutbox.leadId, lan!.id))).not.toHaveLength(0);

    // A second import of the same file is refused; a new file with the same headers gets the remembered mapping.
    await expect(startImportRun(db, temporal(), { importId: id, mode: 'import', mapping, source: 'csv_import', enterJourneys: true })).rejects.toMatchObject({ field: 'importId', code: 'conflict' });
    const again = await storeUpload(db, 'again.csv', Readable.from([csv]));
    expect((await importStatus(db, again.id))!.mapping['Favourite colour']).toBe('');
  }, 120_000);

  it('refuses a mapping without email, an unknown column, and an empty file, naming the field', async () => {
    const { id } = await storeUpload(db, 'x.csv', Readable.from(['email,name\na@b.test,A']));
    await expect(startImportRun(db, temporal(), { importId: id, mode: 'dry_run', mapping: { email: '', name: 'name' }, source: 'csv_import', enterJourneys: true })).rejects.toMatchObject({ field: 'mapping' });
    await expect(startImportRun(db, temporal(), { importId: id, mode: 'dry_run', mapping: { nope: 'email' }, source: 'csv_import', enterJourneys: true })).rejects.toMatchObject({ field: 'mapping' });
    await db.update(leadImports).set({ status: 'dry_running' }).where(eq(leadImports.id, id));
    await expect(startImportRun(db, temporal(), { importId: id, mode: 'import', mapping: { email: 'email', name: 'name' }, source: 'csv_import', enterJourneys: true })).rejects.toMatchObject({ code: 'conflict' });
    await expect(storeUpload(db, 'empty.csv', Readable.from(['']))).rejects.toMatchObject({ field: 'file' });
    await expect(storeUpload(db, 'big.csv', Readable.from(['email\n' + 'a@b.test\n'.repeat(200)]), 500)).rejects.toMatchObject({ field: 'file', code: 'too_large' });
  });

  // 2,500 rows (three chunks, the last partial) in the suite; CSV_IMPORT_ROWS=100000 for the 100,000-row figure (minutes on a busy machine).
  const BIG = Number(process.env.CSV_IMPORT_ROWS ?? 2_500);
  it(`imports a ${BIG}-row file as a background job, every row a lead`, async () => {
    const tag = randomUUID().slice(0, 8);
    const lines = ['email,first_name,company,utm_campaign'];
    for (let i = 0; i < BIG; i++) lines.push(`big${i}-${tag}@csv.test,Lead ${i},Company ${i % 500},spring`);
    const t0 = performance.now();
    const rss0 = process.memoryUsage().rss;
    const { id } = await storeUpload(db, 'big.csv', Readable.from([lines.join('\n')]));
    const uploaded = performance.now();
    const { workflowId } = await startImportRun(db, temporal(), { importId: id, mode: 'import', mapping: { email: 'email', first_name: 'first_name', company: 'company', utm_campaign: 'utm_campaign' }, source: 'csv_import', enterJourneys: true });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
    await env.client.workflow.getHandle(workflowId).result();
    clearInterval(sampler);
    const status = (await importStatus(db, id))!;
    expect(status).toMatchObject({ status: 'done', processed: BIG, created: BIG, failed: 0 });
    const sample = await db.select({ id: leads.id }).from(leads).where(inArray(leads.email, [`big0-${tag}@csv.test`, `big${BIG - 1}-${tag}@csv.test`]));
    expect(sample).toHaveLength(2);
    console.log(
      `[csv-import] ${BIG} rows: upload+chunking ${((uploaded - t0) / 1000).toFixed(1)} s, import ${((performance.now() - uploaded) / 1000).toFixed(1)} s, ` +
        `test process RSS ${(rss0 / 1048576).toFixed(0)} → peak ${(peak / 1048576).toFixed(0)} MiB`,
    );
  }, 1_800_000);
});
