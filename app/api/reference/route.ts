/** GET /api/reference: the interactive API reference (Scalar) for /api/openapi.json, its script served from this app (no CDN). */
import { ApiReference } from '@scalar/nextjs-api-reference';

export const dynamic = 'force-static';

export const GET = ApiReference({ url: '/api/openapi.json', cdn: '/api/reference/standalone.js', pageTitle: 'Leadflow API reference', hideClientButton: true, withDefaultFonts: false });
