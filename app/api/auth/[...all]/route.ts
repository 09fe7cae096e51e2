/** better-auth's endpoints: sign-in (password, magic link), sign-out, password reset, session. */
import { withClientAddress } from '@/lib/api/client-address';
import { env } from '@/lib/env';
import { getAuth } from '@/server/auth';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Built per request from the cached instance, so `next build` never needs a database.
const handle = (req: Request): Promise<Response> => getAuth().handler(withClientAddress(req, env().TRUST_PROXY));

export { handle as GET, handle as POST };
