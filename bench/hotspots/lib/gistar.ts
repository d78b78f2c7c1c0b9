// Plain Getis–Ord Gi* for the JavaScript peers (turf, h3), written the way a Node developer would
// after reading spdep's localG: binary weights, the cell itself included (Gi*), global mean and
// population variance over the non-empty cells:
//
//   z_i = (Σ_j w_ij x_j − W_i x̄) / sqrt( s² (n W_i − W_i²) / (n − 1) ),   s² = Σ (x − x̄)² / n
//
// (W_i = number of neighbours including i, since w_ij ∈ {0, 1} and S1_i = W_i.) p is two-sided
// from the normal distribution; q is the Benjamini–Hochberg adjusted p (p.adjust "BH"); the class is
// ArcGIS-style from p (hot/cold at 99/95/90 %, else ns), as Trygg's default.
// The neighbour lists come from the peer library (turf.distance, h3.gridDisk), in CSR form.

export interface Csr {
  /** offsets[i]..offsets[i+1] index into `neighbours` (self included) */
  offsets: Int32Array;
  neighbours: Int32Array;
}

export interface GiResult {
  z: Float64Array;
  p: Float64Array;
  q: Float64Array;
  cls: string[];
}

/** erfc(x) for x ≥ 0 with fractional error < 1.2e-7 (Numerical Recipes `erfcc`). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

export function giStar(counts: Float64Array, nb: Csr): GiResult {
  const n = counts.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += counts[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (counts[i] - mean) ** 2;
  const s2 = ss / n;
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lag = 0;
    const a = nb.offsets[i];
    const b = nb.offsets[i + 1];
    for (let k = a; k < b; k++) lag += counts[nb.neighbours[k]];
    const w = b - a;
    z[i] = (lag - w * mean) / Math.sqrt((s2 * (n * w - w * w)) / (n - 1));
    p[i] = erfc(Math.abs(z[i]) / Math.SQRT2);
  }
  const q = benjaminiHochberg(p);
  const cls = new Array<string>(n);
  for (let i = 0; i < n; i++) cls[i] = p[i] < 0.1 && z[i] !== 0 ? `${z[i] > 0 ? "hot" : "cold"}${p[i] < 0.01 ? 99 : p[i] < 0.05 ? 95 : 90}` : "ns";
  return { z, p, q, cls };
}

export function benjaminiHochberg(p: Float64Array): Float64Array {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a]); // decreasing
  const q = new Float64Array(n);
  let min = 1;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const rank = n - r;
    min = Math.min(min, (p[i] * n) / rank);
    q[i] = min;
  }
  return q;
}

/** Builds CSR from per-cell neighbour arrays. */
export function toCsr(lists: ArrayLike<number>[]): Csr {
  const offsets = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) offsets[i + 1] = offsets[i] + lists[i].length;
  const neighbours = new Int32Array(offsets[lists.length]);
  for (let i = 0; i < lists.length; i++) neighbours.set(lists[i] as ArrayLike<number>, offsets[i]);
  return { offsets, neighbours };
}
