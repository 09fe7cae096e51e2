/** GET /api/reference/standalone.js: Scalar's browser bundle from node_modules, so the reference page works without internet. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const runtime = 'nodejs';

let cached: Promise<Buffer> | null = null;

export async function GET(): Promise<Response> {
  cached ??= readFile(path.join(process.cwd(), 'node_modules/@scalar/api-reference/dist/browser/standalone.js'));
  return new Response(new Uint8Array(await cached), { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
