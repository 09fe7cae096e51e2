/** Percentiles, rates and small aligned tables for the bench's printed figures. */

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank quantile: with ~100 samples p99 is the worst-but-one, which is what a noisy box can honestly claim. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: quantile(values, 0.5),
    p99: quantile(values, 0.99),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
}

export function perSecond(value: number, unit = '/s'): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${Math.round(value).toLocaleString('en-US')}${unit}`;
}

export function ratio(value: number, floor: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(floor) || floor === 0) return 'n/a';
  const r = value / floor;
  return r >= 0.1 ? `${r.toFixed(2)}×` : `${(r * 100).toFixed(2)} %`;
}

export function mib(kb: number): string {
  return Number.isFinite(kb) ? `${(kb / 1024).toFixed(1)} MiB` : 'n/a';
}

/** Prints a titled table with columns padded to their widest cell. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [`\n== ${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  process.stdout.write(`${out.join('\n')}\n`);
}

export function note(text: string): void {
  process.stdout.write(`   ${text}\n`);
}
