/** The public form endpoint: pages on the form's allowed sites (and its hosted page) post submissions here; CORS says who may. */
import { after } from 'next/server';
import { getDb } from '@/db/client';
import { env } from '@/lib/env';
import { clientAddress } from '@/lib/api/client-address';
import { handler, json, readJson } from '@/lib/api/http';
import { deliverNow } from '@/server/context';
import { authorizeRoute } from '@/server/route-access';
import { liveForm, mayPostFrom, submitForm } from '@/server/services/form-submit';
import { asHttp } from '@/server/services/input-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

const appOrigins = (req: Request) => [...new Set([new URL(env().APP_URL).origin, new URL(req.url).origin])];

/** CORS headers for an allowed browser origin; null when the origin may not post this form. */
async function corsFor(req: Request, id: string): Promise<Record<string, string> | null> {
  const origin = req.headers.get('origin');
  if (!origin) return {};
  const form = await liveForm(getDb(), id).catch(() => null);
  if (!form || !mayPostFrom(form, origin, appOrigins(req))) return null;
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

export async function OPTIONS(req: Request, { params }: Ctx): Promise<Response> {
  const cors = await corsFor(req, (await params).id);
  // Without Access-Control-Allow-Origin the browser refuses the post; the 403 says why to whoever looks.
  if (!cors) return new Response(null, { status: 403, headers: { vary: 'Origin' } });
  return new Response(null, {
    status: 204,
    headers: { ...cors, 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' },
  });
}

const submit = handler(async (req: Request, id: string) => {
  const db = getDb();
  await authorizeRoute(db, req, 'POST /api/forms/[id]/submit');
  const body = await readJson(req);
  const e = env();
  const result = await asHttp(() =>
    submitForm(db, id, body, { origin: req.headers.get('origin'), appOrigins: appOrigins(req), ip: clientAddress(req.headers, e.TRUST_PROXY), rateLimitPerMinute: e.FORM_RATE_LIMIT_PER_MINUTE, appUrl: e.APP_URL }),
  );
  if (result.status === 'ignored') return json({ ok: true, status: 'accepted' }, 201);
  after(() => deliverNow(result.outboxIds));
  return json({ ok: true, status: result.status, thank_you: result.thankYou }, 201);
});

export async function POST(req: Request, { params }: Ctx): Promise<Response> {
  const { id } = await params;
  const [res, cors] = await Promise.all([submit(req, id), corsFor(req, id)]);
  // Errors carry the CORS headers too, so the embedded form can show which field was wrong.
  for (const [k, v] of Object.entries(cors ?? {})) res.headers.set(k, v);
  return res;
}
