/**
 * Benjamini–Hochberg false discovery rate: q-values ("adjusted p-values").
 *
 * For m p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎,
 *
 *   q₍ᵢ₎ = min(1, min_{j ≥ i} (m / j) · p₍ⱼ₎),
 *
 * exactly as R's `p.adjust(p, method = "BH")`, including its arithmetic order `(m / j) * p` and its
 * handling of NA: NaN p-values get NaN q-values and do not count in m. Rejecting every hypothesis
 * with q ≤ α is the BH step-up procedure at level α (ArcGIS' "FDR correction").
 */
import { argsortNonNegative } from "./sort.ts";

/** q-values of `p` (Benjamini–Hochberg); NaN in → NaN out. */
export function benjaminiHochberg(p: Float64Array): Float64Array {
  const n = p.length;
  const q = new Float64Array(n).fill(Number.NaN);
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(p[i])) m++;
  if (m === 0) return q;
  const idx = new Uint32Array(m);
  const vals = new Float64Array(m);
  for (let i = 0, k = 0; i < n; i++) {
    if (!Number.isNaN(p[i])) {
      idx[k] = i;
      vals[k] = p[i];
      k++;
    }
  }
  const order = argsortNonNegative(vals); // ascending
  let running = Number.POSITIVE_INFINITY;
  for (let r = m - 1; r >= 0; r--) {
    const k = order[r];
    const adj = (m / (r + 1)) * vals[k];
    if (adj < running) running = adj;
    q[idx[k]] = running < 1 ? running : 1;
  }
  return q;
}
