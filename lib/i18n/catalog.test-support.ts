/** For the catalog checks: does messages/en.json hold a sentence at a dotted key, and which source files to scan for keys. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import en from '@/messages/en.json';

/** True when `key` (e.g. `nav.leads`) names a sentence in messages/en.json, not a namespace or nothing. */
export function hasEnglishMessage(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/** Every .ts/.tsx file below `dir`; test files only when asked. */
export async function sourceFiles(dir: string, opts: { withTests: boolean }): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(p, opts);
      return Promise.resolve(/\.tsx?$/.test(e.name) && (opts.withTests || !/\.test\.tsx?$/.test(e.name)) ? [p] : []);
    }),
  );
  return nested.flat();
}
