/** POST /api/imports: upload a CSV file (the raw body, name in `?filename=`); it is stored in chunks and nothing is imported yet. */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { getDb } from '@/db/client';
import { handler, HttpError, json } from '@/lib/api/http';
import { MAX_UPLOAD_BYTES, storeUpload } from '@/server/services/csv-import';
import { authorizeRoute } from '@/server/route-access';
import { asHttp } from '@/server/services/input-error';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The proxy's cross-site check, here because this route bypasses the proxy (see proxy.ts). */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return req.headers.get('sec-fetch-site') !== 'cross-site';
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  return [process.env.APP_URL && new URL(process.env.APP_URL).origin, new URL(req.url).origin, host && `${new URL(req.url).protocol}//${host}`].includes(origin);
}

export const POST = handler(async (req) => {
  if (!sameOrigin(req)) throw new HttpError(403, 'cross-site request refused: Origin does not match this app', 'origin');
  await authorizeRoute(getDb(), req, 'POST /api/imports');
  const filename = (new URL(req.url).searchParams.get('filename') ?? 'upload.csv').slice(0, 200);
  if (Number(req.headers.get('content-length') ?? '0') > MAX_UPLOAD_BYTES) throw new HttpError(413, `file: is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`, 'file');
  if (!req.body) throw new HttpError(400, 'file: send the CSV file as the request body', 'file');
  const body = Readable.fromWeb(req.body as WebReadableStream<Uint8Array>);
  const { id } = await asHttp(() => storeUpload(getDb(), filename, body));
  return json({ id }, 201);
});
