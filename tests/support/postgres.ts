/** A real Postgres for tests: the one the test runner started (TEST_DATABASE_URL), else a throwaway embedded one. */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db, type Sql } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { freePort } from '@/scripts/lib/ports';
import { startEmbeddedPostgres } from '@/scripts/lib/postgres';

export interface TestDatabase {
  url: string;
  db: Db;
  sql: Sql;
  stop(): Promise<void>;
}

/**
 * Migrated and ready; rows are isolated by random ids, so files can share one database.
 * `isolated`: a database of its own even under the test runner, for tests that publish journeys (every capture enters them).
 */
export async function startTestDatabase(opts: { isolated?: boolean } = {}): Promise<TestDatabase> {
  const shared = process.env.TEST_DATABASE_URL;
  if (shared && opts.isolated) {
    const admin = createDb(shared, 1);
    const name = `leadflow_iso_${randomBytes(6).toString('hex')}`;
    await admin.sql.unsafe(`create database ${name}`);
    const url = new URL(shared);
    url.pathname = `/${name}`;
    await runMigrations(url.toString());
    const { db, sql } = createDb(url.toString(), 5);
    return {
      url: url.toString(),
      db,
      sql,
      stop: async () => {
        await sql.end();
        await admin.sql.unsafe(`drop database if exists ${name} with (force)`);
        await admin.sql.end();
      },
    };
  }
  if (shared) {
    const { db, sql } = createDb(shared, 5);
    return { url: shared, db, sql, stop: () => sql.end() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'leadflow-pg-'));
  await chmod(dir, 0o755); // the postgres user must traverse it
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), persistent: false });
  await runMigrations(pg.url);
  const { db, sql } = createDb(pg.url, 5);
  return {
    url: pg.url,
    db,
    sql,
    stop: async () => {
      await sql.end();
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
