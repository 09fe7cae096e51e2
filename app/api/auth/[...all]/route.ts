/** better-auth's endpoints: sign-in (password, magic link), sign-out, password reset, session. */
import { getAuth } from '@/server/auth';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Built per request from the cached instance, so `next build` never needs a database.
const handle = (req: Request): Promise<Response> => getAuth().handler(req);

export { handle as GET, handle as POST };
