/** One postgres pool and drizzle instance per process. */
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { databaseUrl } from '@/lib/env';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Sql = postgres.Sql;

const globalForDb = globalThis as unknown as { leadflowDb?: { db: Db; sql: Sql } };

export function createDb(url: string, max = 10): { db: Db; sql: Sql } {
  const sql = postgres(url, { max, onnotice: () => {} });
  return { db: drizzle(sql, { schema }), sql };
}

/** The process-wide database; cached on globalThis so Next's hot reload does not leak pools. */
export function getDb(): Db {
  globalForDb.leadflowDb ??= createDb(databaseUrl());
  return globalForDb.leadflowDb.db;
}

export { schema };
