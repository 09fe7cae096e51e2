/**
 * The app's HTTP server (every stack starts Next through it): a node:http server that stamps each request's peer
 * address, answers POST /api/events itself on a lean path, and hands everything else to Next's request handler.
 * Usage: node --import tsx server/http/main.ts <dev|start> --port <n> [--hostname <h>]
 */
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { stampPeerAddress } from '@/lib/api/client-address';

const ROOT = path.resolve(import.meta.dirname, '../..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'dev' && mode !== 'start') throw new Error('usage: server/http/main.ts <dev|start> --port <n> [--hostname <h>]');
  const port = Number(arg('--port') ?? process.env.PORT ?? 3000);
  const hostname = arg('--hostname');
  const server = http.createServer();
  // Given the server, Next attaches its own 'upgrade' listener (dev mode's hot reload WebSocket) at the first request.
  const app = next({ dev: mode === 'dev', dir: ROOT, hostname: hostname ?? 'localhost', port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Loaded after prepare: Next has read the .env files by then, and the lean path reads env() at its first request.
  const events = await import('./events');

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    stampPeerAddress(req);
    const done = events.isEventsPost(req) ? events.serveEvents(req, res) : handle(req, res);
    done.catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal error"}');
    });
  });
  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (hostname) server.listen(port, hostname, resolve);
    else server.listen(port, resolve);
  });
  console.log(`Leadflow app (${mode === 'dev' ? 'development' : 'production'}) on http://${hostname ?? 'localhost'}:${port}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
