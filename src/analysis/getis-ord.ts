/**
 * Getis–Ord local statistics Gi and Gi* with binary fixed-distance-band weights.
 *
 * For n locations with values xᵢ and binary weights wᵢⱼ ∈ {0, 1} (1 when j is within the band of
 * i, see band.ts), following R spdep `localG` (Ord & Getis 1995; also ArcGIS Hot Spot Analysis):
 *
 * Gi* (the location itself is in its neighbourhood, wᵢᵢ = 1):
 *
 *   x̄ = Σⱼ xⱼ / n,   s² = Σⱼ (xⱼ − x̄)² / n                        (variance with divisor n)
 *   Wᵢ = Σⱼ wᵢⱼ,     S1ᵢ = Σⱼ wᵢⱼ² = Wᵢ                             (binary weights)
 *   zᵢ = (Σⱼ wᵢⱼ xⱼ − Wᵢ x̄) / √( s² (n S1ᵢ − Wᵢ²) / (n − 1) )
 *
 * Gi (the location is excluded, wᵢᵢ = 0; moments of the other n − 1 values):
 *
 *   x̄ᵢ = (Σⱼ xⱼ − xᵢ)/(n − 1),   sᵢ² = (Σⱼ xⱼ² − xᵢ²)/(n − 1) − x̄ᵢ²
 *   zᵢ = (Σ_{j≠i} wᵢⱼ xⱼ − Wᵢ x̄ᵢ) / √( sᵢ² ((n − 1) S1ᵢ − Wᵢ²) / (n − 2) )
 *
 * sᵢ² is evaluated in the algebraically equal, cancellation-free form
 * (Σⱼ (xⱼ − x̄)² − (xᵢ − x̄)² n/(n − 1)) / (n − 1); sums use Neumaier compensation.
 *
 * A location whose variance term is zero (no neighbours for Gi, every location a neighbour for Gi*,
 * or all values equal) gets z = NaN, as in spdep (which returns NaN, or ±Inf for the
 * rounding residue of 0/0).
 */
import { type GridStencil, gridStencil, type NeighbourLists, pointBandNeighbours } from "./band.ts";
import { argsortRowMajor } from "./sort.ts";

/** `"gistar"` = Gi* (self included, the usual hot spot statistic); `"gi"` = Gi (self excluded). */
export type GiStatistic = "gistar" | "gi";

/** z-scores of Gi or Gi* and the ingredients. */
export interface GiResult {
  statistic: GiStatistic;
  /** z-score per location (NaN where undefined, see module comment). */
  z: Float64Array;
  /** Wᵢ: number of locations in the neighbourhood (including i itself for Gi*). */
  weights: Int32Array;
  /** Σⱼ wᵢⱼ xⱼ. */
  lag: Float64Array;
  /** Global mean x̄ and variance s² (divisor n) of the values. */
  mean: number;
  variance: number;
}

/** Neumaier-compensated sum of `v` and the two-pass sum of squared deviations. */
export function moments(v: Float64Array): { n: number; sum: number; mean: number; ss: number } {
  const n = v.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  const sum = s + c;
  const mean = sum / n;
  let ss = 0;
  let cs = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i] - mean;
    const x = d * d;
    const t = ss + x;
    cs += ss >= x ? ss - t + x : x - t + ss;
    ss = t;
  }
  return { n, sum, mean, ss: ss + cs };
}

/** Turn lags and neighbourhood sizes into z-scores (formulas in the module comment). */
export function giZScores(values: Float64Array, lag: Float64Array, weights: Int32Array, statistic: GiStatistic): GiResult {
  const n = values.length;
  const { sum, mean, ss } = moments(values);
  const variance = ss / n;
  const z = new Float64Array(n);
  if (statistic === "gistar") {
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const vg = (variance * (n * w - w * w)) / (n - 1);
      z[i] = vg > 0 ? (lag[i] - w * mean) / Math.sqrt(vg) : Number.NaN;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const xi = values[i];
      const meanI = (sum - xi) / (n - 1);
      const d = xi - mean;
      const s2 = (ss - (d * d * n) / (n - 1)) / (n - 1);
      const vg = (s2 * ((n - 1) * w - w * w)) / (n - 2);
      z[i] = vg > 0 && s2 > 0 ? (lag[i] - w * meanI) / Math.sqrt(vg) : Number.NaN;
    }
  }
  return { statistic, z, weights, lag, mean, variance };
}

/** Gi / Gi* for arbitrary neighbour lists (binary weights; lists must not contain i itself). */
export function getisOrdFromLists(values: Float64Array, nb: NeighbourLists, statistic: GiStatistic): GiResult {
  const n = values.length;
  const lag = new Float64Array(n);
  const weights = new Int32Array(n);
  const self = statistic === "gistar" ? 1 : 0;
  for (let i = 0; i < n; i++) {
    let s = self ? values[i] : 0;
    for (let k = nb.start[i]; k < nb.start[i + 1]; k++) s += values[nb.idx[k]];
    lag[i] = s;
    weights[i] = nb.start[i + 1] - nb.start[i] + self;
  }
  return giZScores(values, lag, weights, statistic);
}

/** Gi / Gi* for arbitrary points (x, y in metres) with a fixed distance band (inclusive). */
export function getisOrdPoints(x: Float64Array, y: Float64Array, values: Float64Array, band: number, statistic: GiStatistic): GiResult {
  return getisOrdFromLists(values, pointBandNeighbours(x, y, band), statistic);
}

/**
 * Spatial lag over a grid stencil: for each cell i, the sum of the values of the cells of the set
 * within the band (and of i itself when `self`), and the number of such cells.
 *
 * The cells must be sorted row-major (iy, then ix; every list the engine produces is). Rows are
 * contiguous runs of the arrays, so the neighbours of a cell in row y + dy are a contiguous run of
 * row y + dy; a sweep keeps, per stencil row, a pointer that only moves forward as ix grows. Cost:
 * O(cells × stencil rows + neighbour pairs), memory O(rows), whatever the extent of the grid.
 */
export function gridLag(
  ix: Int32Array,
  iy: Int32Array,
  values: Float64Array,
  stencil: GridStencil,
  self: boolean,
  outLag: Float64Array,
  outW: Int32Array,
): void {
  const n = ix.length;
  if (n === 0) return;
  const { r, half } = stencil;
  // Row table: rowY[k], cells rowBegin[k] … rowBegin[k+1].
  let rows = 1;
  for (let i = 1; i < n; i++) {
    if (iy[i] !== iy[i - 1]) rows++;
    else if (ix[i] <= ix[i - 1]) throw new RangeError("gridLag: cells must be sorted row-major without duplicates");
    if (iy[i] < iy[i - 1]) throw new RangeError("gridLag: cells must be sorted row-major");
  }
  const rowY = new Int32Array(rows);
  const rowBegin = new Int32Array(rows + 1);
  rowY[0] = iy[0];
  for (let i = 1, k = 0; i < n; i++) {
    if (iy[i] !== iy[i - 1]) {
      k++;
      rowY[k] = iy[i];
      rowBegin[k] = i;
    }
  }
  rowBegin[rows] = n;
  const span = 2 * r + 1;
  const rowPtr = new Int32Array(span); // per dy: first row index with rowY ≥ y + dy
  const lo = new Int32Array(span);
  const end = new Int32Array(span);
  const hw = new Int32Array(span);
  for (let k = 0; k < rows; k++) {
    const y = rowY[k];
    let active = 0;
    for (let d = 0; d < span; d++) {
      const h = half[d];
      if (h < 0) continue;
      const ty = y + d - r;
      let rp = rowPtr[d];
      while (rp < rows && rowY[rp] < ty) rp++;
      rowPtr[d] = rp;
      if (rp < rows && rowY[rp] === ty) {
        lo[active] = rowBegin[rp];
        end[active] = rowBegin[rp + 1];
        hw[active] = h;
        active++;
      }
    }
    for (let i = rowBegin[k]; i < rowBegin[k + 1]; i++) {
      const x = ix[i];
      let s = 0;
      let w = 0;
      for (let a = 0; a < active; a++) {
        const h = hw[a];
        const e = end[a];
        let j = lo[a];
        while (j < e && ix[j] < x - h) j++;
        lo[a] = j;
        while (j < e && ix[j] <= x + h) {
          s += values[j];
          w++;
          j++;
        }
      }
      if (!self) {
        s -= values[i];
        w--;
      }
      outLag[i] = s;
      outW[i] = w;
    }
  }
}

/** Permutation to row-major order, or undefined when the cells already are in it. */
export function rowMajorOrder(ix: Int32Array, iy: Int32Array): Uint32Array | undefined {
  for (let i = 1; i < ix.length; i++) {
    if (iy[i] < iy[i - 1] || (iy[i] === iy[i - 1] && ix[i] <= ix[i - 1])) return argsortRowMajor(iy, ix);
  }
  return undefined;
}

/**
 * Gi / Gi* on grid cells (ix, iy) of side `cellSize` with a distance band between centroids.
 * Neighbours come from the integer stencil of band.ts (exact at the band).
 */
export function getisOrdGrid(ix: Int32Array, iy: Int32Array, values: Float64Array, cellSize: number, band: number, statistic: GiStatistic): GiResult {
  const stencil = gridStencil(cellSize, band);
  const n = ix.length;
  const lag = new Float64Array(n);
  const weights = new Int32Array(n);
  const order = rowMajorOrder(ix, iy);
  if (!order) {
    gridLag(ix, iy, values, stencil, statistic === "gistar", lag, weights);
  } else {
    // Sort, compute, and put the results back in the caller's order.
    const sx = new Int32Array(n);
    const sy = new Int32Array(n);
    const sv = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      sx[k] = ix[order[k]];
      sy[k] = iy[order[k]];
      sv[k] = values[order[k]];
    }
    const sl = new Float64Array(n);
    const sw = new Int32Array(n);
    gridLag(sx, sy, sv, stencil, statistic === "gistar", sl, sw);
    for (let k = 0; k < n; k++) {
      lag[order[k]] = sl[k];
      weights[order[k]] = sw[k];
    }
  }
  return giZScores(values, lag, weights, statistic);
}
