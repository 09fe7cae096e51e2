/** Lenient value comparison for marketer-typed rules: shared by scoring conditions and journey condition nodes. */

/** A finite number from a number or numeric text ("50" → 50), otherwise null. */
export function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Text comparisons ignore case and surrounding spaces: marketers type "Director", forms capture "director ". */
export function normText(v: unknown): string {
  return typeof v === 'string' ? v.trim().toLowerCase() : String(v).toLowerCase();
}
