/** Builds Resend-shaped webhook events for sink messages and posts them signed, the way Resend (via Svix) does. */
import { randomUUID } from 'node:crypto';
import { svixHeaders } from '@/lib/webhooks/standard';
import type { SinkEmail } from './validate';

export const SINK_EVENT_TYPES = ['email.sent', 'email.delivered', 'email.delivery_delayed', 'email.opened', 'email.clicked', 'email.bounced', 'email.complained'] as const;
export type SinkEventType = (typeof SINK_EVENT_TYPES)[number];

export interface SinkMessage extends SinkEmail {
  id: string;
  object: 'email';
  created_at: string;
  last_event: string;
  events: { type: SinkEventType; at: string; svixId: string; status: number | null }[];
}

export interface WebhookPayload {
  type: SinkEventType;
  created_at: string;
  data: {
    created_at: string;
    email_id: string;
    from: string;
    to: string[];
    subject: string;
    tags?: Record<string, string>;
    click?: { ipAddress: string; link: string; timestamp: string; userAgent: string };
    bounce?: { message: string; subType: string; type: string };
  };
}

export function buildPayload(msg: SinkMessage, type: SinkEventType, opts: { link?: string; now?: Date } = {}): WebhookPayload {
  const at = (opts.now ?? new Date()).toISOString();
  const data: WebhookPayload['data'] = {
    created_at: msg.created_at,
    email_id: msg.id,
    from: msg.from,
    to: msg.to,
    subject: msg.subject,
  };
  if (msg.tags.length) data.tags = Object.fromEntries(msg.tags.map((t) => [t.name, t.value]));
  if (type === 'email.clicked') {
    data.click = { ipAddress: '127.0.0.1', link: opts.link ?? firstLink(msg) ?? 'https://example.com/', timestamp: at, userAgent: 'leadflow-mail-sink' };
  }
  if (type === 'email.bounced') {
    data.bounce = { message: 'The recipient mailbox does not exist.', subType: 'General', type: 'Permanent' };
  }
  return { type, created_at: at, data };
}

function firstLink(msg: SinkMessage): string | undefined {
  return msg.html ? /href="(https?:\/\/[^"]+)"/i.exec(msg.html)?.[1]?.replace(/&amp;/g, '&') : undefined;
}

export interface Delivery {
  svixId: string;
  status: number | null;
  error?: string;
  payload: WebhookPayload;
  headers: Record<string, string>;
  body: string;
}

/** Posts one signed delivery; `repeat` re-posts it with the same svix-id, as Resend's retries do. */
export async function deliver(url: string, secret: string, payload: WebhookPayload, repeat = 1): Promise<Delivery> {
  const svixId = `msg_${randomUUID().replace(/-/g, '')}`;
  const body = JSON.stringify(payload);
  const headers = svixHeaders(secret, svixId, body);
  let status: number | null = null;
  let error: string | undefined;
  for (let i = 0; i < repeat; i++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  }
  return { svixId, status, error, payload, headers, body };
}
