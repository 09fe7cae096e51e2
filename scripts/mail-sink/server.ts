/** A local Resend-compatible API (emails, batch, idempotency, faults) that keeps mail in memory and sends signed webhooks. */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateEmail, type SinkEmail, type SinkError } from './validate';
import { buildPayload, deliver, SINK_EVENT_TYPES, type Delivery, type SinkEventType, type SinkMessage } from './webhooks';

export interface MailSinkOptions {
  port: number;
  host?: string;
  /** Where signed webhook events go (Leadflow's /api/webhooks/resend). */
  webhookUrl?: string;
  webhookSecret: string;
  /** Send `email.delivered` after every accepted message. */
  autoDeliver?: boolean;
  /** When set, only this bearer token is accepted (403 otherwise, like an invalid Resend key). */
  apiKey?: string;
  log?: (line: string) => void;
}

/** One send request as the sink answered it: the batch sizes, 429s and keys a test or the bench counts. */
export interface SinkRequest {
  path: '/emails' | '/emails/batch';
  size: number;
  status: number;
  idempotencyKey: string | null;
  at: number;
}

export interface MailSink {
  url: string;
  messages(): SinkMessage[];
  requests(): SinkRequest[];
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
/**
 * An injected failure: an error answer, a stall before a normal answer, or (afterAccept) the mail kept and the answer
 * lost; `after` lets that many send requests through first, so a fault can land in the middle of a blast.
 */
type Fault = { status: number; remaining: number; retryAfter?: number; stallMs?: number; afterAccept?: boolean; after?: number };

const MAX_BODY = 10 * 1024 * 1024;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const errorReply = (statusCode: number, name: string, message: string, headers?: Record<string, string>): Reply => ({
  status: statusCode,
  body: { statusCode, name, message } satisfies SinkError,
  headers,
});

function faultName(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'internal_server_error';
  return 'application_error';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMailSink(options: MailSinkOptions): Promise<MailSink> {
  const log = options.log ?? (() => {});
  const config = { webhookUrl: options.webhookUrl, autoDeliver: options.autoDeliver ?? false };
  const messages = new Map<string, SinkMessage>();
  const requests: SinkRequest[] = [];
  const idempotency = new Map<string, { hash: string; reply: Reply; at: number }>();
  const faults: Fault[] = [];
  /** Random faults for the chaos suite: this share of send requests meets one of the listed faults. */
  const chaos: { rate: number; kinds: Omit<Fault, 'remaining'>[] } = { rate: 0, kinds: [] };
  /** Idempotency slots whose first request is still being answered: Resend 409s a second one meanwhile. */
  const inFlight = new Set<string>();
  const pending = new Set<Promise<unknown>>();

  function accept(email: SinkEmail): SinkMessage {
    const msg: SinkMessage = { ...email, id: randomUUID(), object: 'email', created_at: new Date().toISOString(), last_event: 'sent', events: [] };
    messages.set(msg.id, msg);
    log(`mail-sink: ${msg.id} to ${msg.to.join(', ')}: ${msg.subject}`);
    if (config.autoDeliver) track(sendEvent(msg, 'email.delivered'));
    return msg;
  }

  function track(p: Promise<unknown>) {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  async function sendEvent(msg: SinkMessage, type: SinkEventType, opts: { link?: string; repeat?: number } = {}): Promise<Delivery | null> {
    msg.last_event = type.slice('email.'.length);
    const payload = buildPayload(msg, type, { link: opts.link });
    if (!config.webhookUrl) {
      msg.events.push({ type, at: payload.created_at, svixId: '', status: null });
      return null;
    }
    const d = await deliver(config.webhookUrl, options.webhookSecret, payload, opts.repeat ?? 1);
    msg.events.push({ type, at: payload.created_at, svixId: d.svixId, status: d.status });
    if (d.error || (d.status !== null && d.status >= 300)) log(`mail-sink: webhook ${type} for ${msg.id} → ${d.status ?? d.error}`);
    return d;
  }

  function authorize(req: IncomingMessage): Reply | null {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
    if (!token) return errorReply(401, 'missing_api_key', 'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY');
    if (options.apiKey && token !== options.apiKey) return errorReply(403, 'invalid_api_key', 'API key is invalid');
    return null;
  }

  function takeFault(): Fault | null {
    const f = faults[0];
    if (f?.after) {
      f.after -= 1;
      return null;
    }
    if (f) {
      if (--f.remaining <= 0) faults.shift();
      return f;
    }
    if (chaos.rate > 0 && chaos.kinds.length && Math.random() < chaos.rate) return { ...chaos.kinds[Math.floor(Math.random() * chaos.kinds.length)]!, remaining: 0 };
    return null;
  }

  function faultReply(f: Fault): Reply {
    const headers = f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : undefined;
    return errorReply(f.status, faultName(f.status), f.status === 429 ? 'Too many requests. Please limit the number of requests per second.' : 'Injected failure from the mail sink.', headers);
  }

  function sendOne(raw: string): Reply {
    const parsed = parseJson(raw);
    const v = validateEmail(parsed);
    if (!v.ok) return { status: v.error.statusCode, body: v.error };
    return { status: 200, body: { id: accept(v.email).id } };
  }

  function sendBatch(raw: string, permissive: boolean): Reply {
    const parsed = parseJson(raw);
    if (!Array.isArray(parsed)) return errorReply(422, 'validation_error', 'The request body must be an array of emails.');
    if (parsed.length === 0 || parsed.length > 100) return errorReply(422, 'validation_error', 'A batch holds between 1 and 100 emails.');
    const results = parsed.map((item) => validateEmail(item));
    const errors = results.flatMap((r, index) => (r.ok ? [] : [{ index, message: r.error.message }]));
    if (errors.length && !permissive) {
      const first = errors[0]!;
      return errorReply(422, 'validation_error', `emails[${first.index}]: ${first.message}`);
    }
    const data = results.flatMap((r) => (r.ok ? [{ id: accept(r.email).id }] : []));
    return { status: 200, body: permissive ? { data, errors } : { data } };
  }

  /**
   * Same key + same body replays the first answer; same key + another body is a 409, as is a second request while the
   * first is still being answered (a stall fault holds it). An after-accept fault keeps the mail but loses the answer.
   */
  async function withIdempotency(req: IncomingMessage, path: string, raw: string, fault: Fault | null, run: () => Reply): Promise<Reply> {
    const key = req.headers['idempotency-key'];
    const answer = async (): Promise<Reply> => {
      if (fault?.stallMs) await new Promise((r) => setTimeout(r, fault.stallMs));
      const reply = run();
      return fault?.afterAccept ? faultReply(fault) : reply;
    };
    if (typeof key !== 'string') return answer();
    if (key.length < 1 || key.length > 256) return errorReply(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    const slot = `${path}\n${key}`;
    if (inFlight.has(slot)) return errorReply(409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress. Try the request again later.');
    const hash = createHash('sha256').update(raw).digest('hex');
    const prior = idempotency.get(slot);
    if (prior && Date.now() - prior.at < IDEMPOTENCY_TTL_MS) {
      if (prior.hash !== hash) return errorReply(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload. Change your idempotency key or payload.');
      return { ...prior.reply, headers: { ...prior.reply.headers, 'idempotent-replayed': 'true' } };
    }
    inFlight.add(slot);
    try {
      if (fault?.stallMs) await new Promise((r) => setTimeout(r, fault.stallMs));
      const reply = run();
      // Only settled outcomes are remembered: a 5xx may succeed when retried with the same key.
      if (reply.status < 500 && reply.status !== 429) idempotency.set(slot, { hash, reply, at: Date.now() });
      return fault?.afterAccept ? faultReply(fault) : reply;
    } finally {
      inFlight.delete(slot);
    }
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const raw = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);

    if (path === '/' && method === 'GET') return { status: 200, body: { ok: true, name: 'leadflow-mail-sink', messages: messages.size, inFlight: inFlight.size } };

    if (path === '/emails' || path === '/emails/batch') {
      if (method !== 'POST') return errorReply(405, 'method_not_allowed', 'Method not allowed');
      const denied = authorize(req);
      if (denied) return denied;
      const fault = takeFault();
      const key = req.headers['idempotency-key'];
      const parsed = path === '/emails/batch' ? parseJson(raw) : null;
      const record = (reply: Reply): Reply => {
        if (requests.length >= 100_000) requests.shift();
        requests.push({ path, size: Array.isArray(parsed) ? parsed.length : 1, status: reply.status, idempotencyKey: typeof key === 'string' ? key : null, at: Date.now() });
        return reply;
      };
      if (fault && !fault.stallMs && !fault.afterAccept) return record(faultReply(fault));
      const permissive = req.headers['x-batch-validation'] === 'permissive';
      return record(await withIdempotency(req, path, raw, fault, () => (path === '/emails' ? sendOne(raw) : sendBatch(raw, permissive))));
    }
    const apiEmail = /^\/emails\/([^/]+)$/.exec(path);
    if (apiEmail && method === 'GET') {
      const denied = authorize(req);
      if (denied) return denied;
      const msg = messages.get(apiEmail[1] ?? '');
      return msg ? { status: 200, body: msg } : errorReply(404, 'not_found', 'Email not found');
    }

    if (path === '/_sink/faults' && method === 'POST') {
      const body = parseJson(raw) as (Partial<Fault> & { count?: number }) | null;
      const status = body?.status ?? 500;
      if (status < 400 || status > 599) return errorReply(422, 'validation_error', 'status must be 4xx or 5xx');
      faults.push({ status, remaining: Math.max(1, body?.count ?? 1), retryAfter: body?.retryAfter, stallMs: body?.stallMs, afterAccept: body?.afterAccept, after: body?.after });
      return { status: 200, body: { queued: faults.reduce((n, f) => n + f.remaining, 0) } };
    }
    if (path === '/_sink/chaos' && method === 'POST') {
      const body = parseJson(raw) as { rate?: number; kinds?: Omit<Fault, 'remaining'>[] } | null;
      chaos.rate = Math.min(Math.max(body?.rate ?? 0, 0), 1);
      chaos.kinds = Array.isArray(body?.kinds) ? body.kinds.filter((k) => k.status >= 400 && k.status <= 599) : [];
      return { status: 200, body: chaos };
    }
    if (path === '/_sink/faults' && method === 'DELETE') {
      faults.length = 0;
      chaos.rate = 0;
      return { status: 200, body: { queued: 0 } };
    }
    if (path === '/_sink/config' && method === 'POST') {
      const body = parseJson(raw) as { webhookUrl?: string | null; autoDeliver?: boolean } | null;
      if (body?.webhookUrl !== undefined) config.webhookUrl = body.webhookUrl ?? undefined;
      if (body?.autoDeliver !== undefined) config.autoDeliver = body.autoDeliver;
      return { status: 200, body: config };
    }
    if (path === '/_sink/messages' && method === 'GET') {
      const to = url.searchParams.get('to')?.toLowerCase();
      const list = [...messages.values()].filter((m) => !to || m.to.some((a) => a.toLowerCase().includes(to)));
      return { status: 200, body: { data: list } };
    }
    if (path === '/_sink/requests' && method === 'GET') return { status: 200, body: { data: requests } };
    if (path === '/_sink/messages' && method === 'DELETE') {
      messages.clear();
      requests.length = 0;
      idempotency.clear();
      return { status: 200, body: { deleted: true } };
    }
    const sinkMsg = /^\/_sink\/messages\/([^/]+)(\/events)?$/.exec(path);
    if (sinkMsg) {
      const msg = messages.get(sinkMsg[1] ?? '');
      if (!msg) return errorReply(404, 'not_found', 'Email not found');
      if (!sinkMsg[2] && method === 'GET') return { status: 200, body: msg };
      if (sinkMsg[2] && method === 'POST') {
        const body = parseJson(raw) as { type?: string; link?: string; repeat?: number } | null;
        const type = body?.type as SinkEventType | undefined;
        if (!type || !SINK_EVENT_TYPES.includes(type)) return errorReply(422, 'validation_error', `type must be one of ${SINK_EVENT_TYPES.join(', ')}`);
        const d = await sendEvent(msg, type, { link: body?.link, repeat: Math.min(Math.max(body?.repeat ?? 1, 1), 10) });
        return { status: 200, body: d ? { delivered: d.status !== null && d.status < 300, ...d } : { delivered: false, reason: 'no webhook URL configured' } };
      }
    }
    return errorReply(404, 'not_found', `No route for ${method} ${path}`);
  }

  const server = createServer((req, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sink.local');
    route(req, url)
      .catch((err: unknown): Reply => errorReply(500, 'internal_server_error', err instanceof Error ? err.message : String(err)))
      .then((reply) => {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body));
      })
      .catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`,
    messages: () => [...messages.values()],
    requests: () => [...requests],
    async close() {
      await Promise.allSettled([...pending]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
