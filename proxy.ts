/** In front of every request: signed-out visitors go to sign-in, cross-site state changes are refused, security headers are set. */
import { NextResponse, type NextRequest } from 'next/server';
import { getAuth } from '@/server/auth';
import { securityHeaders } from '@/lib/security-headers';
import { CROSS_SITE_REFUSED, isCrossSite } from '@/lib/api/cross-site';

/** Pages a signed-out visitor may open (/f holds hosted forms and their double opt-in page). */
const PUBLIC_PAGES = ['/sign-in', '/setup', '/reset-password', '/invite', '/site', '/f'];
/** Form posts from the sites a marketer listed: the route checks the form's own allowed origins instead. */
const CROSS_SITE_ALLOWED = /^\/api\/forms\/[^/]+\/submit$/;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isPublicPage = (path: string) => PUBLIC_PAGES.some((p) => path === p || path.startsWith(`${p}/`));

function withHeaders(res: NextResponse): NextResponse {
  for (const [k, v] of Object.entries(securityHeaders())) res.headers.set(k, v);
  return res;
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const path = req.nextUrl.pathname;
  if (path.startsWith('/api/')) {
    if (STATE_CHANGING.has(req.method) && !CROSS_SITE_ALLOWED.test(path) && isCrossSite(req.headers, req.nextUrl.origin)) {
      return withHeaders(NextResponse.json({ error: CROSS_SITE_REFUSED, field: 'origin' }, { status: 403 }));
    }
    return withHeaders(NextResponse.next());
  }
  if (isPublicPage(path)) return withHeaders(NextResponse.next());
  const session = await getAuth()
    .api.getSession({ headers: req.headers })
    .catch(() => null);
  if (!session) {
    const to = new URL('/sign-in', req.url);
    if (path !== '/') to.searchParams.set('next', `${path}${req.nextUrl.search}`);
    return withHeaders(NextResponse.redirect(to));
  }
  return withHeaders(NextResponse.next());
}

export const config = {
  // Everything but Next's own assets, and the CSV upload: a proxy makes Next buffer bodies and silently cut them at 10 MB,
  // so that one route streams unproxied and checks the session and the Origin itself.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/imports$).*)'],
};
