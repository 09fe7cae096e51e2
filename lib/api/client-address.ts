/**
 * Which address a request came from, for per-address limits: the TCP peer, unless TRUST_PROXY says how many proxies of
 * ours sit in front and append to X-Forwarded-For. Anyone can send that header, so by default it is never believed.
 */
import type { IncomingMessage } from 'node:http';

/** Set on every request by the server hook from the socket itself, overwriting whatever the client sent. */
export const PEER_HEADER = 'x-leadflow-peer-address';
const INSTALLED = Symbol.for('leadflow.peerAddressHook');

type Flagged = typeof globalThis & { [INSTALLED]?: boolean };

/**
 * Next's own server keeps a client's X-Forwarded-For and only fills it from the socket when it is absent, and gives route
 * handlers no socket; so the Node server stamps the peer before Next sees the request. Installed once per process.
 */
export async function installPeerAddressHook(): Promise<void> {
  const g = globalThis as Flagged;
  if (g[INSTALLED]) return;
  const http = await import('node:http');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the server as `this`
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  g[INSTALLED] = true;
}

/** The socket's address, or null where no hook stamped it (outside the Next server): a client's copy of the header is never read then. */
export function peerAddress(headers: Headers): string | null {
  if (!(globalThis as Flagged)[INSTALLED]) return null;
  return normalize(headers.get(PEER_HEADER));
}

/** IPv4 peers on a dual-stack socket read ::ffff:1.2.3.4; one address, one bucket. */
function normalize(addr: string | null | undefined): string | null {
  const a = addr?.trim();
  if (!a) return null;
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/**
 * The client's address. trustedHops = 0: the peer. trustedHops = n: each of our n proxies appended the address it saw,
 * so the client is the n-th entry from the right (anything further left was written by the client and is ignored);
 * a shorter header than that means fewer proxies than configured, and its leftmost entry is the best we know.
 */
export function clientAddress(headers: Headers, trustedHops: number): string | null {
  if (trustedHops > 0) {
    const hops = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (hops.length > 0) return normalize(hops[Math.max(0, hops.length - trustedHops)]);
  }
  return peerAddress(headers);
}

/** Where better-auth reads the address resolved above: only withClientAddress writes it, over whatever a client sent. */
export const CLIENT_ADDRESS_HEADER = 'x-leadflow-client-address';

/** A copy of the request carrying its client address (same rule as clientAddress) for libraries that read it from a header. */
export function withClientAddress(req: Request, trustedHops: number): Request {
  const headers = new Headers(req.headers);
  const address = clientAddress(req.headers, trustedHops);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  else headers.delete(CLIENT_ADDRESS_HEADER);
  return new Request(req, { headers });
}
