/** The sample pages behind the default emails' buttons (SITE_URL unset): public, plain, and a real page rather than a 404. */
import { escapeHtml, headOf, htmlPage } from '@/lib/api/html-page';
import { SITE_PAGES } from '@/lib/email/site-pages';
import { env } from '@/lib/env';

export const runtime = 'nodejs';

export async function GET(_req: Request, { params }: { params: Promise<{ slug: string[] }> }): Promise<Response> {
  const { slug } = await params;
  const page = SITE_PAGES[slug.join('/')];
  const product = escapeHtml(env().PRODUCT_NAME);
  if (!page) return htmlPage(404, 'Page not found', `<p>${product} has no page here.</p>`, 'site-title');
  return htmlPage(200, page.title, `${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p style="color:#666">— ${product}</p>`, 'site-title');
}

export function HEAD(req: Request, ctx: { params: Promise<{ slug: string[] }> }): Promise<Response> {
  return headOf(GET(req, ctx));
}
