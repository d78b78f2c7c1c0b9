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
 *
 * Equal p-values share one q-value: for a block of ties ending at rank R, every member gets
 * min((m / R) · p, q of the next larger value). Grid statistics repeat a lot (a million 25 m cells
 * had 13 000 distinct p-values), so when fewer than a quarter of the values are distinct we sort
 * only the distinct values; otherwise all of them (radix sort). Both give R's numbers exactly.
 */
import { argsortNonNegative } from "./sort.ts";

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** q-values of `p` (Benjamini–Hochberg); NaN in → NaN out. */
export function benjaminiHochberg(p: Float64Array): Float64Array {
  const n = p.length;
  const q = new Float64Array(n).fill(Number.NaN);
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(p[i])) m++;
  if (m === 0) return q;
  return distinctPath(p, q, m) ?? sortedPath(p, q, m);
}

/** All values sorted (radix argsort). */
function sortedPath(p: Float64Array, q: Float64Array, m: number): Float64Array {
  const n = p.length;
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
    q[idx[k]] = Math.min(running, 1);
  }
  return q;
}

/** Distinct values only; undefined when more than a quarter of the values are distinct. */
function distinctPath(p: Float64Array, q: Float64Array, m: number): Float64Array | undefined {
  const n = p.length;
  const limit = Math.max(16, m >> 2);
  let cap = 64;
  while (cap < 2 * limit) cap <<= 1;
  const mask = cap - 1;
  const keys = new Float64Array(cap);
  const used = new Uint8Array(cap);
  const slotOf = new Int32Array(n).fill(-1);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const v = p[i] + 0; // −0 → +0
    if (Number.isNaN(v)) continue;
    F64[0] = v;
    let h = (Math.imul(U32[0] ^ Math.imul(U32[1], 0x85ebca77), 0x9e3779b1) >>> 7) & mask;
    while (used[h] === 1 && keys[h] !== v) h = (h + 1) & mask;
    if (used[h] === 0) {
      if (++distinct > limit) return undefined;
      used[h] = 1;
      keys[h] = v;
    }
    slotOf[i] = h;
  }
  // Distinct values ascending, with the number of p-values ≤ each (the rank R ending its block).
  const values = new Float64Array(distinct);
  const slots = new Int32Array(distinct);
  for (let h = 0, k = 0; h < cap; h++) {
    if (used[h] === 1) {
      values[k] = keys[h];
      slots[k] = h;
      k++;
    }
  }
  const order = argsortNonNegative(values);
  const countAt = new Float64Array(cap);
  for (let i = 0; i < n; i++) if (slotOf[i] >= 0) countAt[slotOf[i]]++;
  const qAt = new Float64Array(cap);
  let rank = m;
  let running = Number.POSITIVE_INFINITY;
  for (let r = distinct - 1; r >= 0; r--) {
    const h = slots[order[r]];
    const adj = (m / rank) * keys[h];
    if (adj < running) running = adj;
    qAt[h] = Math.min(running, 1);
    rank -= countAt[h];
  }
  for (let i = 0; i < n; i++) if (slotOf[i] >= 0) q[i] = qAt[slotOf[i]];
  return q;
}
