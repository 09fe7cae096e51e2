/** GET /api/leads/export?<the leads list's filters>: those leads as a CSV download, streamed. */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { getDb } from '@/db/client';
import { handler, parseBody } from '@/lib/api/http';
import { authorizeRoute } from '@/server/route-access';
import { EXPORT_COLUMNS, exportLeads, filtersFromSearchParams, leadFiltersSchema } from '@/server/services/lead-list';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handler(async (req) => {
  await authorizeRoute(getDb(), req, 'GET /api/leads/export');
  const filters = parseBody(leadFiltersSchema, filtersFromSearchParams(new URL(req.url).searchParams));
  // A BOM so Excel opens Vietnamese names as UTF-8.
  const csv = Readable.from(exportLeads(getDb(), filters)).pipe(stringify({ header: true, columns: [...EXPORT_COLUMNS], bom: true }));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="leads-${stamp}.csv"`, 'cache-control': 'no-store' },
  });
});
