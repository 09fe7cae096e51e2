/** Sticky, deterministic variant assignment: the same lead always lands in the same bucket of a node. */

/** FNV-1a, 32 bit: stable across processes and safe inside the workflow sandbox. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Picks a variant by weight from hash(leadId, nodeId); weights need not sum to 100. */
export function pickVariant<V extends { id: string; weight: number }>(leadId: string, nodeId: string, variants: readonly V[]): V | null {
  const total = variants.reduce((sum, v) => sum + Math.max(0, v.weight), 0);
  if (total <= 0) return null;
  const point = (stableHash(`${leadId}:${nodeId}`) / 0x1_0000_0000) * total;
  let acc = 0;
  for (const v of variants) {
    acc += Math.max(0, v.weight);
    if (point < acc) return v;
  }
  return variants[variants.length - 1] ?? null;
}

/** The holdout arm's id in step records and A/B results. */
export const HOLDOUT_ARM = 'holdout';

/** True when the lead falls in the node's holdout share (0–100 %); its own hash, so it is independent of the variant pick. */
export function inHoldout(leadId: string, nodeId: string, percent: number | undefined): boolean {
  if (!percent || percent <= 0) return false;
  return (stableHash(`${leadId}:${nodeId}:holdout`) / 0x1_0000_0000) * 100 < percent;
}
