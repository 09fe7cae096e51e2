/** Runs last (see vitest.integration.config.ts): every documented status of every operation was produced by some request in the integration tests. */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { APP } from './support';
import { API_CALLS_FILE } from './record-api-calls';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

it('every documented status of every operation was produced by some request in the integration tests', async () => {
  const doc = (await (await fetch(`${APP}/api/openapi.json`)).json()) as Doc;
  const calls = (await readFile(API_CALLS_FILE, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { method: string; path: string; status: number });
  const templates = Object.keys(doc.paths).map((t) => ({ t, re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  const seen = new Set(calls.map((c) => `${c.method} ${templates.find((x) => x.re.test(c.path))?.t ?? c.path} ${c.status}`));
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).flatMap(([method, op]) => Object.keys(op.responses).map((s) => `${method.toUpperCase()} ${p} ${s}`)));
  expect(documented.length).toBeGreaterThan(20);
  expect(documented.filter((d) => !seen.has(d))).toEqual([]);
});

