/** The one way Leadflow calls URLs that users configure (webhook nodes, Slack, CRM): no SSRF, no redirects, no bodies kept. */
import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export interface SafeFetchOptions {
  /**
   * Origins (`http://127.0.0.1:4010`) reached without the address filter and over plain http: the local fakes of
   * development and tests. Everything else must be https to a public address.
   */
  allowOrigins?: readonly string[];
  timeoutMs?: number;
}

/** Why a call never left the machine; callers treat it as a permanent failure, not something to retry. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
}

export type SafeFetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

// The agents check the address each connection actually resolves to (not the URL text), so DNS tricks do not help.
const httpsAgent = new RequestFilteringHttpsAgent({ keepAlive: true });
const httpAgent = new RequestFilteringHttpAgent({ keepAlive: true });
const plainHttp = new http.Agent({ keepAlive: true });
const plainHttps = new https.Agent({ keepAlive: true });

/** Parses `OUTBOUND_ALLOW_ORIGINS`-style text ("http://a:1, http://b:2") into normalised origins. */
export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new URL(s).origin);
}

/** Refuses what the address filter cannot see: other schemes, http outside the allowlist, credentials in the URL. */
export function checkOutboundUrl(raw: string, allowOrigins: readonly string[] = []): { url: URL; allowlisted: boolean } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('not a valid URL');
  }
  const allowlisted = allowOrigins.includes(url.origin);
  if (url.protocol !== 'https:' && !(allowlisted && url.protocol === 'http:')) throw new OutboundRefused(`${url.protocol} URLs are not allowed: use https`);
  if (url.username || url.password) throw new OutboundRefused('URLs with credentials are not allowed');
  return { url, allowlisted };
}

/** A fetch-shaped function: the status and headers come back, the body is drained unread. */
export function createSafeFetch(opts: SafeFetchOptions = {}): SafeFetch {
  const allow = (opts.allowOrigins ?? []).map((o) => new URL(o).origin);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return (raw, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      let target: { url: URL; allowlisted: boolean };
      try {
        target = checkOutboundUrl(raw, allow);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const { url, allowlisted } = target;
      const secure = url.protocol === 'https:';
      const agent = allowlisted ? (secure ? plainHttps : plainHttp) : secure ? httpsAgent : httpAgent;
      const req = (secure ? https : http).request(
        url,
        { method: init.method ?? 'GET', headers: init.headers, agent, signal: init.signal, timeout: timeoutMs },
        (res) => {
          // Redirects are answered, never followed; the body is discarded so nothing a receiver writes reaches history.
          res.resume();
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 599) {
            reject(new Error(`unexpected HTTP status ${status}`));
            return;
          }
          resolve(new Response(null, { status, statusText: res.statusMessage ?? '', headers }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => {
        // The filtering agents reject private, loopback, link-local and metadata addresses with this wording.
        reject(/is not allowed/.test(err.message) ? new OutboundRefused(`address refused: ${err.message}`) : err);
      });
      req.end(init.body);
    });
}
