/** Postgres floor: raw insert rates into a scratch table shaped like lead_events, created and dropped by this run. */
import postgres from 'postgres';
import type { BenchConfig } from './config';
import { firstError, runPool } from './http';
import type { Report } from './report';
import { median, ms, note, perSecond, printTable } from './stats';

export interface PostgresFloor {
  singleRowPerSec: number;
  multiRowPerSec: number;
}

const TABLE = `bench_scratch_${process.pid}`;

export async function measurePostgresFloor(databaseUrl: string, cfg: BenchConfig, report: Report): Promise<PostgresFloor> {
  // One connection per concurrent client, as the app's pool would use under the same concurrency.
  const sql = postgres(databaseUrl, { max: cfg.concurrency, onnotice: () => {} });
  try {
    await sql.unsafe(
      `create table ${TABLE} (seq bigserial primary key, event_id text not null unique, lead_id uuid not null, type text not null,
        properties jsonb not null default '{}', received_at timestamptz not null default now())`,
    );
    const leadId = crypto.randomUUID();
    const single = await runPool(cfg.pgSingleRows, cfg.concurrency, cfg.loopTimeoutMs, async (i) => {
      await sql`insert into ${sql(TABLE)} (event_id, lead_id, type, properties) values (${`s-${i}`}, ${leadId}, 'email_open', ${sql.json({ i })})`;
    });
    const singleRowPerSec = (single.results.length / single.elapsedMs) * 1000;

    const multiMs: number[] = [];
    for (let rep = 0; rep < cfg.pgMultiRowReps; rep++) {
      const rows = Array.from({ length: 1000 }, (_, i) => ({ event_id: `m-${rep}-${i}`, lead_id: leadId, type: 'email_open', properties: sql.json({ i }) }));
      const started = performance.now();
      await sql`insert into ${sql(TABLE)} ${sql(rows)}`;
      multiMs.push(performance.now() - started);
    }
    const multiRowPerSec = 1000 / (median(multiMs) / 1000);

    printTable('1a. Floor: raw Postgres inserts (scratch table, fsync off as in every throwaway stack)', ['measure', 'value', 'detail'], [
      ['single-row INSERT', perSecond(singleRowPerSec, ' rows/s'), `${single.results.length} rows, ${cfg.concurrency} clients${firstError(single.errors)}`],
      ['multi-row INSERT (1,000 rows)', perSecond(multiRowPerSec, ' rows/s'), `median ${ms(median(multiMs))} per statement over ${multiMs.length}`],
    ]);
    report.add('floors', 'pg single-row insert', perSecond(singleRowPerSec, ' rows/s'));
    report.add('floors', 'pg multi-row insert (1k)', perSecond(multiRowPerSec, ' rows/s'));
    return { singleRowPerSec, multiRowPerSec };
  } finally {
    await sql.unsafe(`drop table if exists ${TABLE}`).catch((err: unknown) => note(`could not drop ${TABLE}: ${String(err)}`));
    await sql.end();
  }
}
