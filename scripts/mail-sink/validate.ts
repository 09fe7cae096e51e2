/** Resend's request validation for one email, with its 422 error names and messages. */

export interface SinkError {
  statusCode: number;
  name: string;
  message: string;
}

export interface SinkEmail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  reply_to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  scheduled_at: string | null;
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const formatHint = 'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.';

/** Accepts `a@b.co` or `Name <a@b.co>`, as Resend does. */
export function isValidAddress(value: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(value.trim());
  return ADDRESS.test(named ? (named[1] ?? '') : value.trim());
}

const invalid = (message: string, name = 'validation_error'): { ok: false; error: SinkError } => ({ ok: false, error: { statusCode: 422, name, message } });

function addressList(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function validateEmail(body: unknown): { ok: true; email: SinkEmail } | { ok: false; error: SinkError } {
  if (!isRecord(body)) return invalid('The request body must be a JSON object.');
  if (body.from === undefined || body.from === null || body.from === '') return invalid('Missing `from` field.', 'missing_required_field');
  if (typeof body.from !== 'string' || !isValidAddress(body.from)) return invalid(`Invalid \`from\` field. ${formatHint}`);
  if (body.to === undefined || body.to === null || (Array.isArray(body.to) && body.to.length === 0) || body.to === '') {
    return invalid('Missing `to` field.', 'missing_required_field');
  }
  const lists: Record<'to' | 'cc' | 'bcc' | 'reply_to', string[]> = { to: [], cc: [], bcc: [], reply_to: [] };
  for (const field of ['to', 'cc', 'bcc', 'reply_to'] as const) {
    const list = addressList(body[field]);
    if (!list || list.some((a) => !isValidAddress(a))) return invalid(`Invalid \`${field}\` field. ${formatHint}`);
    lists[field] = list;
  }
  if (lists.to.length > 50) return invalid('Too many recipients: `to` accepts at most 50 addresses.');
  if (typeof body.subject !== 'string' || body.subject === '') return invalid('Missing `subject` field.', 'missing_required_field');
  const html = typeof body.html === 'string' ? body.html : null;
  const text = typeof body.text === 'string' ? body.text : null;
  if (html === null && text === null && !isRecord(body.template)) return invalid('Missing `html` or `text` field.', 'missing_required_field');
  const headers: Record<string, string> = {};
  if (isRecord(body.headers)) for (const [k, v] of Object.entries(body.headers)) if (typeof v === 'string') headers[k] = v;
  const tags: SinkEmail['tags'] = [];
  if (Array.isArray(body.tags)) {
    for (const t of body.tags as unknown[]) {
      if (!isRecord(t) || typeof t.name !== 'string' || typeof t.value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(t.name + t.value)) {
        return invalid('Tags should only contain ASCII letters, numbers, underscores, or dashes.');
      }
      tags.push({ name: t.name, value: t.value });
    }
  }
  return {
    ok: true,
    email: {
      from: body.from,
      ...lists,
      subject: body.subject,
      html,
      text,
      headers,
      tags,
      scheduled_at: typeof body.scheduled_at === 'string' ? body.scheduled_at : null,
    },
  };
}
