/** GET /api/forms/<id>/embed: the script a marketer's page loads with a <script> tag; it renders the form in place. */
import { getDb } from '@/db/client';
import { handler } from '@/lib/api/http';
import { authorizeRoute } from '@/server/route-access';
import { embedScript } from '@/server/services/form-embed';
import { livePublicForm } from '@/server/services/forms';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handler(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const db = getDb();
  await authorizeRoute(db, req, 'GET /api/forms/[id]/embed');
  const form = await livePublicForm(db, (await params).id);
  const headers = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=60', 'cross-origin-resource-policy': 'cross-origin' };
  if (!form) return new Response('console.error("Leadflow: this form does not exist or was archived");', { status: 404, headers });
  return new Response(await embedScript(form, `/api/forms/${form.id}/submit`), { headers });
});
