/**
 * `npm run bench:import`: imports a generated CSV (default 100,000 rows, with Vietnamese names, repeated emails and bad
 * rows) through the import's own storeUpload → processChunk path on a throwaway embedded Postgres with the default journey
 * published, and, in the same run, the old path (captureLead per row, four in flight) on a slice as the floor to beat.
 * Prints rows/s for both, their ratio, elapsed time and peak memory.
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { leadImports } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { captureLeadSchema } from '@/lib/api/schemas';
import { captureLead } from '@/lib/capture/capture-lead';
import { finishRun, processChunk } from '@/lib/imports/csv-chunks';
import { prepareRun, storeUpload } from '@/server/services/csv-import';
import { freePort } from './lib/ports';
import { startEmbeddedPostgres } from './lib/postgres';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const FLOOR_ROWS = Number(process.env.BENCH_IMPORT_FLOOR_ROWS ?? 3_000);
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Smith', 'Garcia'];
const GIVEN = ['Lan', 'Hùng', 'Mai', 'Minh', 'Thảo', 'John', 'Ana'];
const TITLES = ['Giám đốc Marketing', 'Trưởng phòng kinh doanh', 'Marketing Manager', 'Engineer', ''];

function csv(rows: number, tag: string): Buffer {
  const lines = ['email,Họ và tên,company,job_title,utm_campaign'];
  for (let i = 0; i < rows; i++) {
    // About 2 % repeat an earlier email (a merge), 1 % are bad rows (a per-row error).
    const n = i % 50 === 49 ? i - 17 : i;
    const email = i % 100 === 99 ? `broken-${i}` : `lead${n}-${tag}@bench.test`;
    const name = i % 3 === 0 ? `${FAMILY[i % 7]} Thị ${GIVEN[(i >> 3) % 7]}` : `${GIVEN[i % 7]} ${FAMILY[(i >> 2) % 7]}`;
    lines.push(`${email},${name},Company ${i % 997},${TITLES[i % 5]},bench-${i % 12}`);
  }
  return Buffer.from(lines.join('\n'));
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'leadflow-bench-import-'));
  await chmod(tmp, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false });
  const { db, sql } = createDb(pg.url, 10);
  try {
    await runMigrations(pg.url);
    await seedDatabase(db, { devApiKey: null });

    // The floor: the previous import path, captureLead per row with four in flight, on FLOOR_ROWS fresh rows.
    const floorInputs = Array.from({ length: FLOOR_ROWS }, (_, i) =>
      captureLeadSchema.parse({ email: `floor${i}@bench.test`, name: `${FAMILY[i % 7]} Thị ${GIVEN[i % 7]}`, company: `Company ${i % 997}`, job_title: TITLES[i % 5] || undefined, utm_campaign: 'floor', source: 'csv_import' }),
    );
    const floorStart = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => { while (next < floorInputs.length) await captureLead(db, floorInputs[next++]!); }));
    const floorSeconds = (performance.now() - floorStart) / 1000;

    const file = csv(ROWS, Math.random().toString(36).slice(2, 8));
    const started = performance.now();
    const { id } = await storeUpload(db, 'bench.csv', Readable.from(file));
    const uploaded = performance.now();
    const [imp] = await db.select().from(leadImports).where(eq(leadImports.id, id));
    await prepareRun(db, { importId: id, mode: 'import', mapping: imp!.mapping, source: 'csv_import', enterJourneys: true });
    const totals = { created: 0, merged: 0, failed: 0 };
    for (let idx = 0; idx < imp!.chunkCount; idx++) {
      const r = await processChunk(db, { importId: id, idx, mode: 'import' });
      totals.created += r.created;
      totals.merged += r.merged;
      totals.failed += r.failed;
    }
    await finishRun(db, { importId: id, mode: 'import' });
    const done = performance.now();
    const importSeconds = (done - uploaded) / 1000;
    const rowsPerSecond = ROWS / importSeconds;
    const floorRate = FLOOR_ROWS / floorSeconds;
    console.log('\nCSV import bench (embedded Postgres, default journey published, 1,000-row chunks)');
    console.log(`  file                         ${ROWS.toLocaleString('en')} rows, ${(file.byteLength / 1024 / 1024).toFixed(1)} MiB`);
    console.log(`  outcome                      ${totals.created.toLocaleString('en')} created, ${totals.merged.toLocaleString('en')} merged, ${totals.failed.toLocaleString('en')} rows with errors`);
    console.log(`  upload (parse + store)       ${((uploaded - started) / 1000).toFixed(1)} s`);
    console.log(`  import, batched (now)        ${importSeconds.toFixed(1)} s = ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s`);
    console.log(`  floor: captureLead per row   ${Math.round(floorRate).toLocaleString('en')} rows/s (${FLOOR_ROWS.toLocaleString('en')} rows, 4 in flight)`);
    console.log(`  ratio batched / per row      ${(rowsPerSecond / floorRate).toFixed(1)}x`);
    console.log(`  total wall time (100k file)  ${((done - started) / 1000).toFixed(1)} s; peak RSS ${Math.round(peakRss / 1024 / 1024)} MiB`);
  } finally {
    clearInterval(sampler);
    await sql.end();
    await pg.stop();
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
