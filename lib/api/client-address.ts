/**
 * Which address a request came from, for per-address limits: the TCP peer, unless TRUST_PROXY says how many proxies of
 * ours sit in front and append to X-Forwarded-For. Anyone can send that header, so by default it is never believed.
 */
import type { IncomingMessage } from 'node:http';

/** Set on every request by the app's server from the socket itself, overwriting whatever the client sent. */
export const PEER_HEADER = 'x-leadflow-peer-address';
const STAMPED = Symbol.for('leadflow.peerAddressStamped');

type Flagged = typeof globalThis & { [STAMPED]?: boolean };

/**
 * Next keeps a client's X-Forwarded-For and gives route handlers no socket, so the app's server (server/http/main.ts)
 * stamps each request's peer before Next sees it; from then on this process trusts the stamp.
 */
export function stampPeerAddress(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
  (globalThis as Flagged)[STAMPED] = true;
}

/** The socket's address, or null where no server stamped it (Next run on its own, tests): a client's copy of the header is never read then. */
export function peerAddress(headers: Headers): string | null {
  if (!(globalThis as Flagged)[STAMPED]) return null;
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
