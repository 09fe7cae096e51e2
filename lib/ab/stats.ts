/** Normal-distribution helpers for the A/B verdict: CDF, quantile, the pooled two-proportion z-test and its sample size. */

/** erfc with fractional error < 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit): plenty for 4-decimal p-values. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Inverse normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const tail = (q: number) => (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

export interface ZTest {
  z: number;
  /** Two-sided. */
  pValue: number;
}

/** Pooled two-proportion z-test of B against A; null when it is undefined (no trials, or 0 % / 100 % on both). */
export function twoProportionZTest(xA: number, nA: number, xB: number, nB: number): ZTest | null {
  if (nA <= 0 || nB <= 0) return null;
  const pooled = (xA + xB) / (nA + nB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  if (se === 0) return null;
  const z = (xB / nB - xA / nA) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/**
 * Leads needed per arm to detect p1 → p2 with a two-sided test at `alpha` and the given power
 * (the standard formula with the pooled variance under H0 and the separate variances under H1).
 */
export function sampleSizePerArm(p1: number, p2: number, alpha = 0.05, power = 0.8): number | null {
  if (p1 === p2 || p1 < 0 || p2 < 0 || p1 > 1 || p2 > 1) return null;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const mean = (p1 + p2) / 2;
  const n = (za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  return Math.ceil(n - 1e-9);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7): enough for chi-square tail probabilities. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Upper regularized incomplete gamma Q(s, x) (series below s + 1, continued fraction above; Numerical Recipes). */
function gammaQ(s: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + s * Math.log(x) - logGamma(s);
  if (x < s + 1) {
    let sum = 1 / s;
    let term = sum;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) sum += (term *= x / (s + n));
    return Math.max(0, 1 - sum * Math.exp(lead));
  }
  let b = x + 1 - s;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(lead) * h);
}

export interface ChiSquare {
  chi2: number;
  df: number;
  pValue: number;
}

/** Pearson's goodness-of-fit of observed counts against expected shares (any positive scale); null without data or with fewer than two arms. */
export function chiSquareGoodnessOfFit(observed: readonly number[], shares: readonly number[]): ChiSquare | null {
  const total = observed.reduce((s, x) => s + x, 0);
  const weight = shares.reduce((s, x) => s + x, 0);
  const arms = observed.map((o, i) => ({ o, e: (total * (shares[i] ?? 0)) / (weight || 1) })).filter((a) => a.e > 0);
  if (total === 0 || arms.length < 2) return null;
  const chi2 = arms.reduce((s, a) => s + (a.o - a.e) ** 2 / a.e, 0);
  const df = arms.length - 1;
  return { chi2, df, pValue: gammaQ(df / 2, chi2 / 2) };
}
