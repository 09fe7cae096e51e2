/** Every literal key the code passes to a translator exists in messages/en.json (and so, by catalogs.test.ts, in vi). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasEnglishMessage, sourceFiles } from './catalog.test-support';

const ROOTS = ['app', 'components'];

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
    const files = (await Promise.all(ROOTS.map((r) => sourceFiles(path.join(process.cwd(), r), { withTests: false })))).flat();
    const missing: string[] = [];
    let count = 0;
    for (const f of files) {
      for (const key of usedKeys(await readFile(f, 'utf8'))) {
        count++;
        if (!hasEnglishMessage(key)) missing.push(`${path.relative(process.cwd(), f)}: ${key}`);
      }
    }
    expect(count).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
