/** GET /api/openapi.json: the OpenAPI 3.1 description of the public HTTP API, generated from the routes' zod schemas. */
import { openApiDocument } from '@/server/openapi';

export const runtime = 'nodejs';

let doc: ReturnType<typeof openApiDocument> | undefined;

export function GET(): Response {
  doc ??= openApiDocument();
  return Response.json(doc, { headers: { 'cache-control': 'no-cache' } });
}
