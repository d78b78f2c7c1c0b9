/**
 * Mann–Kendall trend test on a series x₁…xₙ (in time order), with the tie correction.
 *
 *   S = Σ_{i<j} sign(xⱼ − xᵢ)
 *   Var(S) = [ n(n − 1)(2n + 5) − Σ_g t_g(t_g − 1)(2t_g + 5) ] / 18      (t_g = size of tie group g)
 *   Z = (S − 1)/√Var(S) if S > 0,  0 if S = 0,  (S + 1)/√Var(S) if S < 0   (continuity correction)
 *   p = 2·(1 − Φ(|Z|))                                                       (two-sided)
 *   τ_b = S / √( (n₀ − n₁) · n₀ ),  n₀ = n(n − 1)/2,  n₁ = Σ_g t_g(t_g − 1)/2  (time has no ties)
 *
 * As in Kendall's `MannKendall` and in ArcGIS' Emerging Hot Spot Analysis (which applies it to the
 * Gi* z-scores of each location). NaN values are left out of the series.
 */
import { twoSidedP } from "./normal.ts";

/** Result of {@link mannKendall}. */
export interface MannKendallResult {
  /** Length of the series used (NaN removed). */
  n: number;
  s: number;
  varS: number;
  z: number;
  p: number;
  tau: number;
}

/** Mann–Kendall test of `x[start … start + length)`. */
export function mannKendall(x: ArrayLike<number>, start = 0, length = x.length - start): MannKendallResult {
  const v: number[] = [];
  for (let i = start; i < start + length; i++) if (!Number.isNaN(x[i])) v.push(x[i]);
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const a = v[i];
    for (let j = i + 1; j < n; j++) {
      const b = v[j];
      if (b > a) s++;
      else if (b < a) s--;
    }
  }
  const sorted = v.slice().sort((a, b) => a - b);
  let tieTerm = 0;
  let tiePairs = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) {
      tieTerm += t * (t - 1) * (2 * t + 5);
      tiePairs += (t * (t - 1)) / 2;
    }
    i = j;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  let z = 0;
  if (s > 0) z = (s - 1) / Math.sqrt(varS);
  else if (s < 0) z = (s + 1) / Math.sqrt(varS);
  const n0 = (n * (n - 1)) / 2;
  const den = Math.sqrt((n0 - tiePairs) * n0);
  return { n, s, varS, z, p: twoSidedP(z), tau: den > 0 ? s / den : Number.NaN };
}
