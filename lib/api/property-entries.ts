/**
 * Free-form properties as the UI receives them: a list of key/value entries. Keys such as `constructor` are data to
 * a lead's form but a hazard to object-walking serialisers (superjson refuses them), so they never travel as keys.
 */
export interface PropertyEntry {
  key: string;
  /** Strings as they are; anything else as its JSON text. */
  value: string;
}

export function propertyEntries(properties: unknown): PropertyEntry[] {
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return [];
  return Object.entries(properties as Record<string, unknown>).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) ?? '' }));
}

/** Keys that object-walking code treats as the object's machinery rather than its data. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The path to the first prototype key anywhere in a JSON value, or null. */
export function findPrototypeKey(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (typeof key === 'string' && PROTOTYPE_KEYS.has(key)) return [...path, key];
    const found = findPrototypeKey(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
