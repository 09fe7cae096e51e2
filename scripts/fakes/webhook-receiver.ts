/** Stand-ins for Slack incoming webhooks and a CRM's webhook endpoint: they answer like the real ones and keep what they got. */
import http from 'node:http';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: string;
}

export interface WebhookReceiver {
  url: string;
  received(): ReceivedRequest[];
  close(): Promise<void>;
}

/** Faults for chaos runs: Slack refuses as a revoked webhook does, and the CRM takes the request and never answers. */
export interface ReceiverFaults {
  slack?: { status: number; body: string };
  crm?: 'hang';
}

/** POST /slack/* answers `ok` as text (Slack's reply); POST /crm/* answers 201 with a task id; GET /_received lists everything. */
export async function startWebhookReceiver(port = 0, faults: ReceiverFaults = {}): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let tasks = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (req.method === 'GET' && path === '/_received') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: received }));
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path, headers: req.headers as Record<string, string>, body, at: new Date().toISOString() });
      if (path.startsWith('/slack') && faults.slack) {
        res.writeHead(faults.slack.status, { 'content-type': 'text/plain' }).end(faults.slack.body);
        return;
      }
      if (path.startsWith('/crm') && faults.crm === 'hang') return; // the caller's own timeout is what ends it
      if (path.startsWith('/slack')) {
        try {
          const text = (JSON.parse(body) as { text?: unknown }).text;
          if (typeof text !== 'string' || !text) throw new Error('no text');
        } catch {
          res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `task-${++tasks}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    received: () => [...received],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // hung CRM requests would otherwise keep close() waiting
      }),
  };
}
