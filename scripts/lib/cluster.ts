/** A real Temporal cluster for `npm test -- integration --cluster`: the Go server at a pinned version on Postgres, schema set up by its own SQL tool. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitForPort } from './ports';
import { startEmbeddedPostgres, type RunningPostgres } from './postgres';
import type { Supervisor } from './supervisor';
import { appServerArgs, ROOT, TEMPORAL_CLI } from './tools';
import { SEARCH_ATTRIBUTES } from './stack';
import { cliTlsArgs, leadflowTlsEnv, makeClusterCerts, tlsConfig, type ClusterTls } from './cluster-tls';

const run = promisify(execFile);
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
const GO_TOOLCHAIN = 'go1.27.3';
export const CLUSTER_BIN = path.join(ROOT, '.cluster', 'bin');
const SERVER = path.join(CLUSTER_BIN, 'server');
const SQL_TOOL = path.join(CLUSTER_BIN, 'sql');

/** Builds temporal-server and temporal-sql-tool from the Go module proxy once (minutes of CPU), then reuses them. */
export async function ensureClusterBinaries(log: (l: string) => void): Promise<void> {
  for (const [bin, pkg] of [
    [SERVER, 'go.temporal.io/server/cmd/server'],
    [SQL_TOOL, 'go.temporal.io/server/cmd/tools/sql'],
  ] as const) {
    if (existsSync(bin)) continue;
    log(`building ${pkg}@${TEMPORAL_SERVER_VERSION} with ${GO_TOOLCHAIN} (takes minutes the first time) …`);
    const started = Date.now();
    await run('go', ['install', `${pkg}@${TEMPORAL_SERVER_VERSION}`], {
      env: { ...process.env, GOTOOLCHAIN: GO_TOOLCHAIN, GOBIN: CLUSTER_BIN, GOFLAGS: '-buildvcs=false' },
      maxBuffer: 64 * 1024 * 1024,
    });
    log(`✓ built ${path.relative(ROOT, bin)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

async function schemaDir(): Promise<string> {
  const { stdout } = await run('go', ['env', 'GOMODCACHE'], { env: { ...process.env, GOTOOLCHAIN: GO_TOOLCHAIN } });
  return path.join(stdout.trim(), `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
}

function config(p: { pgPort: number; frontend: number; http: number; history: number; matching: number; worker: number; membership: number[]; metrics: number; dynamicConfig: string; tls: ClusterTls }): string {
  const store = (db: string, conns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: "${db}"
        connectAddr: "127.0.0.1:${p.pgPort}"
        connectProtocol: "tcp"
        user: "postgres"
        password: "leadflow"
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const svc = (name: string, grpc: number, membership: number, extra = '') => `  ${name}:
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${extra}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
${store('temporal', 20)}
    postgres-visibility:
${store('temporal_visibility', 5)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${p.metrics}"
${tlsConfig(p.tls)}services:
${svc('frontend', p.frontend, p.membership[0]!, `\n      httpPort: ${p.http}`)}
${svc('history', p.history, p.membership[1]!)}
${svc('matching', p.matching, p.membership[2]!)}
${svc('worker', p.worker, p.membership[3]!)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${p.frontend}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${p.dynamicConfig}"
  pollInterval: "10s"
`;
}

export interface ClusterInfra {
  databaseUrl: string;
  temporalAddress: string;
  /** The frontend speaks mTLS only: Leadflow's client settings for it (TEMPORAL_TLS_CA_PATH, cert, key, server name). */
  tlsEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** Postgres (embedded), schema by temporal-sql-tool, the Temporal server, namespace `default` and Leadflow's search attributes. */
export async function startClusterInfra(dir: string, supervisor: Supervisor, log: (l: string) => void): Promise<ClusterInfra> {
  await ensureClusterBinaries(log);
  const pgPort = await freePort();
  const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort, persistent: false });
  try {
    const schema = await schemaDir();
    const sqlArgs = (db: string) => ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pgPort), '-u', 'postgres', '--pw', 'leadflow', '--db', db];
    for (const [db, folder] of [
      ['temporal', 'temporal'],
      ['temporal_visibility', 'visibility'],
    ] as const) {
      await run(SQL_TOOL, [...sqlArgs(db), 'create-database']);
      await run(SQL_TOOL, [...sqlArgs(db), 'setup-schema', '-v', '0.0']);
      await run(SQL_TOOL, [...sqlArgs(db), 'update-schema', '-d', path.join(schema, folder, 'versioned')]);
    }
    log('✓ Temporal schema (temporal-sql-tool setup-schema + update-schema)');

    const ports = {
      pgPort,
      frontend: await freePort(),
      http: await freePort(),
      history: await freePort(),
      matching: await freePort(),
      worker: await freePort(),
      membership: [await lowPort(), await lowPort(), await lowPort(), await lowPort()],
      metrics: await freePort(),
    };
    const configDir = path.join(dir, 'temporal-config');
    await mkdir(configDir, { recursive: true });
    const tls = await makeClusterCerts(path.join(dir, 'tls'));
    const dynamicConfig = path.join(configDir, 'dynamicconfig.yaml');
    await writeFile(path.join(configDir, 'cluster.yaml'), config({ ...ports, dynamicConfig, tls }));
    // Search attributes registered a moment ago must be usable at once.
    await writeFile(dynamicConfig, 'system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n');
    supervisor.spawn('temporal-server', SERVER, ['--config-file', path.join(configDir, 'cluster.yaml'), '--allow-no-auth', 'start'], { cwd: configDir, quiet: true });
    await Promise.race([waitForPort(ports.frontend, 120_000), supervisor.firstExit().then((c) => Promise.reject(new Error(`${c.name} exited with ${c.code}`)))]);
    const address = `127.0.0.1:${ports.frontend}`;
    const cli = (args: string[]) => run(TEMPORAL_CLI, [...args, '--address', address, ...cliTlsArgs(tls)]);
    await retry(() => cli(['operator', 'namespace', 'create', '--namespace', 'default', '--retention', '24h']), 60_000);
    for (const sa of SEARCH_ATTRIBUTES) {
      const [name, type] = sa.split('=');
      await retry(() => cli(['operator', 'search-attribute', 'create', '--namespace', 'default', '--name', name!, '--type', type!]), 30_000);
    }
    log(`✓ Temporal server ${TEMPORAL_SERVER_VERSION} on Postgres (frontend ${address}, mTLS with a CA made for this run); namespace default with Leadflow's search attributes`);
    return { databaseUrl: pg.url, temporalAddress: address, tlsEnv: leadflowTlsEnv(tls), stop: () => pg.stop() };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}

/** Temporal stores membership ports in a smallint column: they must stay below 32768, under the kernel's ephemeral range. */
async function lowPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function retry<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection; a proxy never forwards them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const endToEnd = (headers: http.IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));

/** A round-robin HTTP front for several Next processes, as a load balancer would be. */
export async function startRoundRobin(targets: number[], port: number): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  // A fresh loopback connection per request: reusing one Next may close at its 5-s idle timeout races into a reset.
  const agent = new http.Agent({ keepAlive: false });
  const server = http.createServer((req, res) => {
    const port = targets[next++ % targets.length]!;
    // Like a load balancer, append the address it saw; Next processes behind it run with TRUST_PROXY=1.
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const headers = { ...endToEnd(req.headers), 'x-forwarded-for': forwarded };
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, endToEnd(up.headers));
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('error', (err) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `upstream ${port}: ${err.message}` }));
    });
    req.pipe(upstream);
  });
  // Like a cloud load balancer (60 s idle), the front outlives clients' idle connections, so it never closes one a client is reusing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type RunningStack = { env: Record<string, string>; urls: { app: string }; supervisor: Supervisor };

/** One more worker process on the stack's task queue (the same code and env, as ops scale out); resolves once it serves its metrics. */
export async function addWorker(stack: RunningStack, name: string): Promise<void> {
  const workerMetrics = await freePort();
  stack.supervisor.spawn(name, process.execPath, ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')], {
    env: { ...stack.env, LEADFLOW_PROCESS: name, NODE_ENV: 'production', WORKER_METRICS_ADDRESS: `127.0.0.1:${workerMetrics}` },
    quiet: true,
  });
  await waitForPort(workerMetrics, 120_000);
}

/** A second Next process on the same database, and a round-robin front over both. */
export async function addNextBehindFront(stack: RunningStack, frontPort: number): Promise<{ url: string; close(): Promise<void> }> {
  const port2 = await freePort();
  stack.supervisor.spawn('next-2', process.execPath, appServerArgs('start', port2, '127.0.0.1'), {
    env: { ...stack.env, LEADFLOW_PROCESS: 'next-2', NODE_ENV: 'production', PORT: String(port2) },
    cwd: ROOT,
    quiet: true,
  });
  await waitForPort(port2, 120_000);
  return startRoundRobin([Number(new URL(stack.urls.app).port), port2], frontPort);
}

/** Adds a second worker process and a second Next process to a running stack, and a round-robin front over both Next processes. */
/** `frontPort`: chosen before the stack starts, so APP_URL (links, better-auth's trusted origin) is the front's address. */
export async function scaleOut(stack: RunningStack, frontPort: number): Promise<{ front: { url: string; close(): Promise<void> } }> {
  const [front] = await Promise.all([addNextBehindFront(stack, frontPort), addWorker(stack, 'worker-2')]);
  return { front };
}
