/**
 * Hot spot analysis of incidents on a grid: project → bin → Gi* → p → FDR q → class.
 *
 *   1. Points (lat/lon, or SWEREF 99 TM) are validated and projected (points.ts).
 *   2. They are counted per cell of side `cellSize` (grid.ts); with weights, weights are summed
 *      and the analysed value is the sum, otherwise the count.
 *   3. The analysed cell set is the non-empty cells (default) or, with `boundary`, every cell whose
 *      centroid is inside the boundary — empty cells then take part with value 0, and incidents
 *      in cells outside the boundary are left out and counted in `outside`.
 *   4. Gi* (or Gi) with binary weights for cells whose centroids are within `band` (inclusive,
 *      exact at the band; getis-ord.ts, band.ts), two-sided p-values (normal.ts),
 *      Benjamini–Hochberg q-values over all analysed cells (fdr.ts) and ArcGIS-style classes from
 *      p (default, as ArcGIS without FDR correction) or from q (`classifyBy: "q"`) (classes.ts).
 *
 * Everything here is synchronous and allocation-light; for large inputs in a server use
 * `computeHotspotsInWorker` (node/worker-pool.ts), for files the CLI's parallel loader.
 */
import { gridStencil } from "./band.ts";
import { classifyHotspots } from "./classes.ts";
import { AnalysisError } from "./errors.ts";
import { benjaminiHochberg } from "./fdr.ts";
import { type GiStatistic, giZScores, gridLag } from "./getis-ord.ts";
import { CellAccumulator, type GridCells, MIN_CELL_SIZE } from "./grid.ts";
import { twoSidedPValues } from "./normal.ts";
import { type PointsInput, projectPoints, type SkippedPoints } from "./points.ts";
import { cellsInsideRings, type Rings } from "./polygon.ts";

/** Options of {@link computeHotspots}. */
export interface HotspotOptions {
  /** Cell side in metres (SWEREF 99 TM). */
  cellSize: number;
  /** Distance band in metres between cell centroids (inclusive); must be ≥ cellSize. */
  band: number;
  /** "gistar" (default) or "gi". */
  statistic?: GiStatistic;
  /** Analyse all cells inside this boundary (SWEREF 99 TM rings), zeros included. */
  boundary?: Rings;
  /**
   * The cells inside the boundary, row-major, when the caller already has them (they depend only
   * on the boundary and the cell size, so a server computing the same area every week keeps them).
   * Takes the place of `boundary`.
   */
  boundaryCells?: { ix: Int32Array; iy: Int32Array };
  /** Class from p-values (default, ArcGIS default) or from FDR q-values. */
  classifyBy?: "p" | "q";
}

/** Step timings in milliseconds. */
export interface HotspotTimings {
  project: number;
  bin: number;
  nb: number;
  gistar: number;
  total: number;
}

/** Result of a hot spot analysis: one entry per analysed cell, row-major (iy, then ix). */
export interface HotspotResult {
  cellSize: number;
  band: number;
  statistic: GiStatistic;
  classifyBy: "p" | "q";
  ix: Int32Array;
  iy: Int32Array;
  /** Incidents per cell. */
  count: Int32Array;
  /** Weight sums per cell (weighted input only). */
  sum?: Float64Array;
  /** The analysed value (sum when weighted, else count). */
  value: Float64Array;
  /** Cells in the neighbourhood (incl. the cell itself for Gi*). */
  neighbours: Int32Array;
  z: Float64Array;
  p: Float64Array;
  q: Float64Array;
  /** Class codes −3 … 3 (classes.ts). */
  classes: Int8Array;
  /** Mean and variance (divisor n) of the analysed values. */
  mean: number;
  variance: number;
  /** Incidents used. */
  points: number;
  /** Incidents skipped for invalid coordinates or weights. */
  skipped: SkippedPoints;
  /** Incidents in cells outside the boundary (boundary mode). */
  outside: number;
  timings: HotspotTimings;
}

/** Throws {@link AnalysisError} (Swedish message) for unusable options. */
export function validateHotspotOptions(o: HotspotOptions): void {
  if (!Number.isFinite(o.cellSize) || o.cellSize <= 0) {
    throw new AnalysisError(`cellstorleken måste vara ett positivt antal meter (fick ${o.cellSize})`);
  }
  if (o.cellSize < MIN_CELL_SIZE) throw new AnalysisError(`cellstorleken måste vara minst ${MIN_CELL_SIZE} m`);
  if (!Number.isFinite(o.band) || o.band <= 0) {
    throw new AnalysisError(`avståndsbandet måste vara ett positivt antal meter (fick ${o.band})`);
  }
  if (o.band < o.cellSize) {
    throw new AnalysisError(`avståndsbandet (${o.band} m) är mindre än cellstorleken (${o.cellSize} m): inga celler skulle bli grannar`);
  }
  if (o.band / o.cellSize > 200) {
    throw new AnalysisError(`avståndsbandet får vara högst 200 celler (${o.band} m / ${o.cellSize} m)`);
  }
}

const now = (): number => performance.now();

/** Hot spots of a set of incidents (see module comment). */
export function computeHotspots(input: PointsInput, options: HotspotOptions): HotspotResult {
  validateHotspotOptions(options);
  const t0 = now();
  const pts = projectPoints(input);
  const t1 = now();
  const acc = new CellAccumulator(options.cellSize, pts.weight !== undefined);
  acc.addPoints(pts.north, pts.east, pts.weight, 0, pts.north.length);
  const cells = acc.result();
  const t2 = now();
  const res = hotspotsFromCells(cells, options, { points: pts.north.length, skipped: pts.skipped });
  res.timings.project = t1 - t0;
  res.timings.bin = t2 - t1;
  res.timings.total = now() - t0;
  return res;
}

/** Steps 3–4 on already binned cells (used by {@link computeHotspots} and the CLI's parallel loader). */
export function hotspotsFromCells(binned: GridCells, options: HotspotOptions, input: { points: number; skipped: SkippedPoints }): HotspotResult {
  validateHotspotOptions(options);
  const t0 = now();
  const statistic = options.statistic ?? "gistar";
  const classifyBy = options.classifyBy ?? "p";
  let ix = binned.ix;
  let iy = binned.iy;
  let count = binned.count;
  let sum = binned.sum;
  let outside = 0;
  if (options.boundary || options.boundaryCells) {
    const inside = options.boundaryCells ?? cellsInsideRings(options.boundary as Rings, binned.cellSize);
    const n = inside.ix.length;
    const c = new Int32Array(n);
    const s = binned.sum ? new Float64Array(n) : undefined;
    // Merge-join the two row-major lists.
    let j = 0;
    for (let i = 0; i < binned.ix.length; i++) {
      while (j < n && (inside.iy[j] < binned.iy[i] || (inside.iy[j] === binned.iy[i] && inside.ix[j] < binned.ix[i]))) j++;
      if (j < n && inside.iy[j] === binned.iy[i] && inside.ix[j] === binned.ix[i]) {
        c[j] = binned.count[i];
        if (s && binned.sum) s[j] = binned.sum[i];
      } else outside += binned.count[i];
    }
    ix = inside.ix;
    iy = inside.iy;
    count = c;
    sum = s;
  }
  const n = ix.length;
  if (n === 0) {
    throw new AnalysisError(options.boundary || options.boundaryCells ? "inga celler ligger inom gränsen" : "inga giltiga punkter att analysera");
  }
  if (n < 3) throw new AnalysisError(`för få celler (${n}) för ${statistic === "gi" ? "Gi" : "Gi*"}: minst 3 behövs`);
  const value = sum ? sum : Float64Array.from(count);
  const stencil = gridStencil(binned.cellSize, options.band);
  const t1 = now();
  const lag = new Float64Array(n);
  const neighbours = new Int32Array(n);
  gridLag(ix, iy, value, stencil, statistic === "gistar", lag, neighbours);
  const gi = giZScores(value, lag, neighbours, statistic);
  const p = twoSidedPValues(gi.z);
  const q = benjaminiHochberg(p);
  const classes = classifyHotspots(gi.z, classifyBy === "q" ? q : p);
  const t2 = now();
  const result: HotspotResult = {
    cellSize: binned.cellSize,
    band: options.band,
    statistic,
    classifyBy,
    ix,
    iy,
    count,
    value,
    neighbours,
    z: gi.z,
    p,
    q,
    classes,
    mean: gi.mean,
    variance: gi.variance,
    points: input.points,
    skipped: input.skipped,
    outside,
    timings: { project: 0, bin: 0, nb: t1 - t0, gistar: t2 - t1, total: t2 - t0 },
  };
  if (sum) result.sum = sum;
  return result;
}

/**
 * Run the hot spot pipeline a few times on synthetic data (10 000 points around Osby, ≈ 60–100
 * ms) so that V8 compiles and optimises its loops. A process's first real calls otherwise pay for
 * that: 10⁴ incidents take ≈ 20–40 ms cold against 3–7 ms warm. Call it at server start, or
 * before timing in-process calls.
 */
export function warmUpAnalysis(): void {
  const n = 10_000;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  let s = 12345;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < n; i++) {
    const hot = i % 4 === 0;
    lat[i] = 56.2 + (hot ? 0.18 + rnd() * 0.005 : rnd() * 0.35);
    lon[i] = 13.6 + (hot ? 0.39 + rnd() * 0.008 : rnd() * 0.7);
  }
  for (let round = 0; round < 3; round++) {
    computeHotspots({ lat, lon }, { cellSize: 100, band: 250 });
    computeHotspots({ lat, lon }, { cellSize: 25, band: 62.5, classifyBy: "q" });
  }
}
