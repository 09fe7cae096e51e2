/** Minimal HTML pages for links people open from email (unsubscribe, acknowledge): no app shell, never cached or indexed. */
import { readText } from './http';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = 'font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5';
const BUTTON = 'font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.4rem;background:#1d4ed8;color:#fff;cursor:pointer';

/** `body` is trusted HTML: callers escape what they interpolate. */
export function htmlPage(status: number, title: string, body: string, testId = 'page-title'): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head><body style="${STYLE}"><h1 data-testid="${escapeHtml(testId)}">${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' } });
}

/** A form whose one button POSTs back to `action`: the state change needs a person's click, not a scanner's GET. */
export function postButton(action: string, label: string, fields: Record<string, string> = {}): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<form method="post" action="${escapeHtml(action)}">${hidden}<button type="submit" style="${BUTTON}">${escapeHtml(label)}</button></form>`;
}

/** The same response without its body, for HEAD: link checkers get an answer and nothing changes. */
export async function headOf(res: Response | Promise<Response>): Promise<Response> {
  const r = await res;
  return new Response(null, { status: r.status, headers: r.headers });
}

/** Reads a small urlencoded form body (a button's POST, or RFC 8058's `List-Unsubscribe=One-Click`). */
export async function readForm(req: Request, limit = 4096): Promise<URLSearchParams> {
  try {
    return new URLSearchParams(await readText(req, limit));
  } catch {
    return new URLSearchParams();
  }
}
