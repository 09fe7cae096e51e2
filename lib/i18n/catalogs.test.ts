/** The message catalogs stay in step: vi has every en key and no other, nothing is empty, and placeholders match. */
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import vi from '@/messages/vi.json';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** `{name}`, `{count, plural, …}` and `<tag>` names: a translation must use the same ones or it renders wrong. */
const placeholders = (msg: string) => [...new Set([...msg.matchAll(/\{\s*(\w+)\s*[,}]|<\/?(\w+)>/g)].map((m) => m[1] ?? `<${m[2]}>`))].sort();

const enFlat = flatten(en);
const viFlat = flatten(vi);

describe('message catalogs', () => {
  it('have the same keys in vi and en', () => {
    expect(enFlat.size).toBeGreaterThan(50);
    expect([...enFlat.keys()].filter((k) => !viFlat.has(k))).toEqual([]);
    expect([...viFlat.keys()].filter((k) => !enFlat.has(k))).toEqual([]);
  });

  it('have no empty strings', () => {
    const empty = [...enFlat, ...viFlat].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders and tags in both languages', () => {
    const differing = [...enFlat].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(viFlat.get(k) ?? v))).map(([k]) => k);
    expect(differing).toEqual([]);
  });
});
