/** Every literal key the code passes to a translator exists in messages/en.json (and so, by catalogs.test.ts, in vi). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';

const ROOTS = ['app', 'components'];

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return sources(p);
      return Promise.resolve(/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : []);
    }),
  );
  return nested.flat();
}

function has(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/** `const t = useTranslations('ns')` / `await getTranslations('ns')` bind a translator; `(await getTranslations('ns'))('key')` is used inline. */
export function usedKeys(source: string): string[] {
  const keys: string[] = [];
  for (const m of source.matchAll(/const\s+(\w+)\s*=\s*(?:useTranslations|await\s+getTranslations)\(\s*(?:'([\w.]*)')?\s*\)/g)) {
    const [, name, ns] = m;
    const call = new RegExp(`(?<![\\w.])${name}(?:\\.rich|\\.markup|\\.raw)?\\(\\s*'([^']+)'`, 'g');
    for (const c of source.matchAll(call)) keys.push(ns ? `${ns}.${c[1]}` : c[1]!);
  }
  for (const m of source.matchAll(/\(await\s+getTranslations\(\s*'([\w.]+)'\s*\)\)\(\s*'([^']+)'/g)) keys.push(`${m[1]}.${m[2]}`);
  return keys;
}

describe('translation keys used in code', () => {
  it('finds keys in a translator call the way the app writes them', () => {
    const src = `const t = useTranslations('nav'); const tl = await getTranslations('leads'); t('leads'); tl.rich('count', {}); (await getTranslations('meta'))('signIn');`;
    expect(usedKeys(src)).toEqual(['nav.leads', 'leads.count', 'meta.signIn']);
  });

  it('exist in messages/en.json', async () => {
    const files = (await Promise.all(ROOTS.map((r) => sources(path.join(process.cwd(), r))))).flat();
    const missing: string[] = [];
    let count = 0;
    for (const f of files) {
      for (const key of usedKeys(await readFile(f, 'utf8'))) {
        count++;
        if (!has(key)) missing.push(`${path.relative(process.cwd(), f)}: ${key}`);
      }
    }
    expect(count).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
