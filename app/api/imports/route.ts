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

export const POST = handler(async (req) => {
  await authorizeRoute(getDb(), req, 'POST /api/imports');
  const filename = (new URL(req.url).searchParams.get('filename') ?? 'upload.csv').slice(0, 200);
  if (Number(req.headers.get('content-length') ?? '0') > MAX_UPLOAD_BYTES) throw new HttpError(413, `file: is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`, 'file');
  if (!req.body) throw new HttpError(400, 'file: send the CSV file as the request body', 'file');
  const body = Readable.fromWeb(req.body as WebReadableStream<Uint8Array>);
  const { id } = await asHttp(() => storeUpload(getDb(), filename, body));
  return json({ id }, 201);
});
