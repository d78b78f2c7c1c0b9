/**
 * Emerging hot spot analysis on a space-time cube (cell × ISO week), after ArcGIS Pro's
 * "Emerging Hot Spot Analysis".
 *
 * Cube. Locations are the grid cells with at least one incident in the whole period (or, with a
 * boundary, every cell inside it); time slices are the consecutive ISO weeks (Europe/Stockholm
 * local dates, iso-week.ts) from the first to the last week with data — empty weeks included.
 * Bin value x(c, t) = incidents (or weight sum) of cell c in week t.
 *
 * Gi* per bin, with a space-time neighbourhood (decision: as ArcGIS, not per slice). The
 * neighbours of bin (c, t) are the bins (c', τ) with c' within `band` of c (c itself included)
 * and t − k ≤ τ ≤ t, where k = `timeStep` (ArcGIS "neighborhood time step", default 1; 0 gives a
 * purely spatial neighbourhood). Time neighbours look backwards only, so a bin is compared with
 * its recent past, never with the future. The statistic is Gi* over all n·T bins of the cube
 * (getis-ord.ts): global mean and variance (divisor n·T) of every bin, Wᵢ = |spatial
 * neighbourhood| × |time window| — identical to spdep `localG` on the cube with that neighbour
 * list (verified against an spdep fixture). The spatial lag is computed once per slice and summed
 * over the time window.
 *
 * Significance of a bin: p (two-sided) — by default Benjamini–Hochberg corrected over all bins of
 * the cube (ArcGIS Pro applies FDR here) — below `alpha` (default 0.10, i.e. 90 % confidence).
 * A bin is hot when significant with z > 0, cold when significant with z < 0.
 *
 * Trend: Mann–Kendall test (mann-kendall.ts) on each location's Gi* z series; significant when
 * its p < `trendAlpha` (default 0.10); its sign is the sign of S.
 *
 * Patterns (ArcGIS Pro definitions; T slices, "≥ 90 %" means 10·count ≥ 9·T, the final slice is
 * the most recent week). For hot spots, with H = number of hot bins:
 *
 *   new           the final bin is hot, and no earlier bin is hot (nor cold — see oscillating);
 *   consecutive   the final bins form one run of ≥ 2 hot bins, no hot bin before the run, H < 90 %;
 *   intensifying  H ≥ 90 %, final bin hot, significant upward trend;
 *   persistent    H ≥ 90 %, final bin hot, no significant trend;
 *   diminishing   H ≥ 90 %, final bin hot, significant downward trend;
 *   sporadic      final bin hot, H < 90 %, an earlier hot bin not in the final run, never cold;
 *   oscillating   final bin hot, H < 90 %, at least one earlier cold bin;
 *   historical    final bin not hot, H ≥ 90 %.
 *
 * Cold spot patterns mirror these with hot ↔ cold and the trend reversed (an intensifying cold
 * spot has a significant downward trend). Every other location: "none" (no pattern detected).
 * Where ArcGIS' definitions overlap (a final hot bin after earlier cold bins would be both "new"
 * and "oscillating"), oscillating wins: the location has a history.
 */
import { AnalysisError } from "./errors.ts";
import { benjaminiHochberg } from "./fdr.ts";
import { gridLag, moments, rowMajorOrder } from "./getis-ord.ts";
import { gridStencil } from "./band.ts";
import { buildCellLookup, CellAccumulator } from "./grid.ts";
import { validateHotspotOptions } from "./hotspots.ts";
import { isoWeekLabel, weekIndexOfDay } from "./iso-week.ts";
import { type MannKendallResult, mannKendall } from "./mann-kendall.ts";
import { twoSidedP } from "./normal.ts";
import { emptySkipped, noteSkipped, type PointsInput, projectPoints, type SkippedPoints } from "./points.ts";
import { cellsInsideRings, type Rings } from "./polygon.ts";

/** Pattern keys; index = pattern code. */
export const EMERGING_PATTERNS = [
  "none",
  "new_hot",
  "consecutive_hot",
  "intensifying_hot",
  "persistent_hot",
  "diminishing_hot",
  "sporadic_hot",
  "oscillating_hot",
  "historical_hot",
  "new_cold",
  "consecutive_cold",
  "intensifying_cold",
  "persistent_cold",
  "diminishing_cold",
  "sporadic_cold",
  "oscillating_cold",
  "historical_cold",
] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];

/** Swedish labels of the patterns (for maps and reports). */
export const EMERGING_PATTERN_LABELS_SV: Record<EmergingPattern, string> = {
  none: "inget mönster",
  new_hot: "ny hot spot",
  consecutive_hot: "sammanhängande hot spot",
  intensifying_hot: "intensifierad hot spot",
  persistent_hot: "ihållande hot spot",
  diminishing_hot: "avtagande hot spot",
  sporadic_hot: "sporadisk hot spot",
  oscillating_hot: "växlande hot spot",
  historical_hot: "historisk hot spot",
  new_cold: "ny cold spot",
  consecutive_cold: "sammanhängande cold spot",
  intensifying_cold: "intensifierad cold spot",
  persistent_cold: "ihållande cold spot",
  diminishing_cold: "avtagande cold spot",
  sporadic_cold: "sporadisk cold spot",
  oscillating_cold: "växlande cold spot",
  historical_cold: "historisk cold spot",
};

/**
 * Pattern of one location from its bin states (+1 hot, −1 cold, 0 not significant; time order)
 * and its Mann–Kendall trend (see module comment for the rules).
 */
export function classifyEmergingPattern(states: ArrayLike<number>, trend: { s: number; p: number }, trendAlpha = 0.1): EmergingPattern {
  const T = states.length;
  if (T === 0) return "none";
  let hot = 0;
  let cold = 0;
  for (let t = 0; t < T; t++) {
    if (states[t] > 0) hot++;
    else if (states[t] < 0) cold++;
  }
  const last = states[T - 1];
  const up = trend.p < trendAlpha && trend.s > 0;
  const down = trend.p < trendAlpha && trend.s < 0;
  const side = (sign: 1 | -1, own: number, other: number): EmergingPattern | undefined => {
    const suffix = sign > 0 ? "hot" : "cold";
    const mostly = 10 * own >= 9 * T;
    if (last === sign) {
      if (mostly) {
        const stronger = sign > 0 ? up : down;
        const weaker = sign > 0 ? down : up;
        if (stronger) return `intensifying_${suffix}` as EmergingPattern;
        if (weaker) return `diminishing_${suffix}` as EmergingPattern;
        return `persistent_${suffix}` as EmergingPattern;
      }
      if (other > 0) return `oscillating_${suffix}` as EmergingPattern;
      if (own === 1) return `new_${suffix}` as EmergingPattern;
      let run = 0;
      for (let t = T - 1; t >= 0 && states[t] === sign; t--) run++;
      if (run === own && run >= 2) return `consecutive_${suffix}` as EmergingPattern;
      return `sporadic_${suffix}` as EmergingPattern;
    }
    if (mostly) return `historical_${suffix}` as EmergingPattern;
    return undefined;
  };
  return side(1, hot, cold) ?? side(-1, cold, hot) ?? "none";
}

/**
 * Space-time Gi* of a cube (module comment): `values[c·T + t]` for locations (ix[c], iy[c]) and
 * slices t = 0…T−1; neighbours = locations within `band` (self included) at t − k … t. Returns the
 * z-scores in the same layout.
 */
export function spaceTimeGiStar(ix: Int32Array, iy: Int32Array, values: Float64Array, T: number, cellSize: number, band: number, k: number): Float64Array {
  const n = ix.length;
  const order = rowMajorOrder(ix, iy);
  if (order) {
    // Work on row-major copies and put the z-scores back in the caller's order.
    const sx = new Int32Array(n);
    const sy = new Int32Array(n);
    const sv = new Float64Array(n * T);
    for (let c = 0; c < n; c++) {
      const o = order[c];
      sx[c] = ix[o];
      sy[c] = iy[o];
      sv.set(values.subarray(o * T, o * T + T), c * T);
    }
    const sz = spaceTimeGiStar(sx, sy, sv, T, cellSize, band, k);
    const z = new Float64Array(n * T);
    for (let c = 0; c < n; c++) z.set(sz.subarray(c * T, c * T + T), order[c] * T);
    return z;
  }
  const stencil = gridStencil(cellSize, band);
  const slice = new Float64Array(n);
  const lagS = new Float64Array(n * T);
  const wS = new Int32Array(n);
  const lagT = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < n; c++) slice[c] = values[c * T + t];
    gridLag(ix, iy, slice, stencil, true, lagT, wS);
    for (let c = 0; c < n; c++) lagS[c * T + t] = lagT[c];
  }
  const N = n * T;
  const { mean, ss } = moments(values);
  const variance = ss / N;
  const z = new Float64Array(N);
  for (let c = 0; c < n; c++) {
    for (let t = 0; t < T; t++) {
      const from = Math.max(0, t - k);
      let lag = 0;
      for (let u = from; u <= t; u++) lag += lagS[c * T + u];
      const W = wS[c] * (t - from + 1);
      const vg = (variance * (N * W - W * W)) / (N - 1);
      z[c * T + t] = vg > 0 ? (lag - W * mean) / Math.sqrt(vg) : Number.NaN;
    }
  }
  return z;
}

/** A space-time cube: locations × consecutive ISO weeks (see {@link buildSpaceTimeCube}). */
export interface SpaceTimeCube {
  /** Locations, row-major. */
  ix: Int32Array;
  iy: Int32Array;
  /** Running week number (iso-week.ts) of slice 0, and the number of slices. */
  firstWeek: number;
  weeks: number;
  /** Incidents per location over the whole period. */
  count: Int32Array;
  /** value[c·T + t]: incidents (or weight sum) of location c in week firstWeek + t. */
  value: Float64Array;
  /** Points used, and points in cells outside the boundary (boundary mode). */
  points: number;
  outside: number;
}

/**
 * Bin points (SWEREF 99 TM metres) by grid cell and ISO week: `week[i]` is the running week number
 * of point i (`weekIndexOfDay` of its Stockholm local day; NaN = skip). Locations are the cells with
 * at least one point, or every cell inside `boundary`; slices run from the first to the last week
 * with data, empty weeks included.
 */
export function buildSpaceTimeCube(
  north: Float64Array,
  east: Float64Array,
  week: Float64Array,
  weight: Float64Array | undefined,
  cellSize: number,
  boundary?: Rings,
): SpaceTimeCube {
  const m = north.length;
  let w0 = Number.POSITIVE_INFINITY;
  let w1 = Number.NEGATIVE_INFINITY;
  let keep = 0;
  for (let i = 0; i < m; i++) {
    if (Number.isNaN(week[i]) || Number.isNaN(north[i]) || Number.isNaN(east[i])) continue;
    keep++;
    if (week[i] < w0) w0 = week[i];
    if (week[i] > w1) w1 = week[i];
  }
  if (keep === 0) throw new AnalysisError("inga giltiga händelser med tidsstämpel att analysera");
  const T = w1 - w0 + 1;
  const acc = new CellAccumulator(cellSize, false);
  const cix = new Int32Array(m);
  const ciy = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    cix[i] = Math.floor(east[i] / cellSize);
    ciy[i] = Math.floor(north[i] / cellSize);
    if (!Number.isNaN(week[i]) && !Number.isNaN(north[i]) && !Number.isNaN(east[i])) acc.add(cix[i], ciy[i], 1);
  }
  let ix: Int32Array;
  let iy: Int32Array;
  if (boundary) {
    const inside = cellsInsideRings(boundary, cellSize);
    ix = inside.ix;
    iy = inside.iy;
  } else {
    const cells = acc.result();
    ix = cells.ix;
    iy = cells.iy;
  }
  const n = ix.length;
  if (n < 3) throw new AnalysisError(`för få celler (${n}) för Gi*: minst 3 behövs`);
  if (n * T > 100_000_000) {
    throw new AnalysisError(`kuben blir för stor (${n} celler × ${T} veckor): välj större celler eller kortare period`);
  }
  const lookup = buildCellLookup(ix, iy);
  const value = new Float64Array(n * T);
  const count = new Int32Array(n);
  let outside = 0;
  let used = 0;
  for (let i = 0; i < m; i++) {
    if (Number.isNaN(week[i]) || Number.isNaN(north[i]) || Number.isNaN(east[i])) continue;
    const c = lookup.get(cix[i], ciy[i]);
    if (c < 0) {
      outside++;
      continue;
    }
    used++;
    count[c]++;
    value[c * T + (week[i] - w0)] += weight ? weight[i] : 1;
  }
  return { ix, iy, firstWeek: w0, weeks: T, count, value, points: used, outside };
}

/** Options of {@link computeEmergingHotspots}. */
export interface EmergingOptions {
  cellSize: number;
  band: number;
  /** Previous weeks in the neighbourhood (ArcGIS "neighborhood time step"), default 1. */
  timeStep?: number;
  /** Bin significance level, default 0.10. */
  alpha?: number;
  /** Mann–Kendall significance level, default 0.10. */
  trendAlpha?: number;
  /** Benjamini–Hochberg correction of bin p-values over the cube, default true. */
  fdr?: boolean;
  /** Use all cells inside this boundary as locations. */
  boundary?: Rings;
  /** The cells inside the boundary, row-major, when already known (used by {@link spaceTimeCubeFromCounts}). */
  boundaryCells?: { ix: Int32Array; iy: Int32Array };
}

/** Input: incidents with their Stockholm local day numbers (iso-week.ts; NaN = unknown). */
export type EmergingInput = PointsInput & { day: Float64Array | Int32Array };

/** Result: one entry per location (row-major), and the cube (location-major, T bins each). */
export interface EmergingResult {
  cellSize: number;
  band: number;
  timeStep: number;
  /** Running week number (iso-week.ts) of slice 0, number of slices, ISO labels per slice. */
  firstWeek: number;
  weeks: number;
  weekLabels: string[];
  ix: Int32Array;
  iy: Int32Array;
  /** Incidents per location over the whole period. */
  count: Int32Array;
  pattern: Uint8Array;
  trend: MannKendallResult[];
  hotBins: Int32Array;
  coldBins: Int32Array;
  /** Cube, index c·T + t: bin value, Gi* z, p, significance value used (q or p), state. */
  value: Float64Array;
  z: Float64Array;
  p: Float64Array;
  significance: Float64Array;
  state: Int8Array;
  points: number;
  skipped: SkippedPoints;
  outside: number;
}

/** Emerging hot spots (see module comment). */
export function computeEmergingHotspots(input: EmergingInput, options: EmergingOptions): EmergingResult {
  validateEmergingOptions(options);
  const pts = projectPoints(input);
  // Week per kept point; unknown days are skipped (and reported with the input position).
  const m = pts.north.length;
  const week = new Float64Array(m);
  const skipped = pts.skipped;
  const extra = emptySkipped();
  for (let i = 0; i < m; i++) {
    const d = input.day[pts.index[i]];
    if (Number.isFinite(d)) week[i] = weekIndexOfDay(d);
    else {
      week[i] = Number.NaN;
      noteSkipped(extra, pts.index[i]);
    }
  }
  if (extra.count > 0) {
    skipped.count += extra.count;
    skipped.first = [...skipped.first, ...extra.first].sort((a, b) => a - b).slice(0, 10);
  }
  const cube = buildSpaceTimeCube(pts.north, pts.east, week, pts.weight, options.cellSize, options.boundary);
  return emergingHotspotsFromCube(cube, options, skipped);
}

function validateEmergingOptions(options: EmergingOptions): void {
  validateHotspotOptions(options);
  const k = options.timeStep ?? 1;
  if (!Number.isInteger(k) || k < 0) throw new AnalysisError("tidssteget måste vara ett heltal ≥ 0");
}

/** Already binned incidents: one entry per (cell, running week) with its count (any order, no duplicates needed). */
export interface BinnedCellWeeks {
  ix: Int32Array;
  iy: Int32Array;
  /** Running week number (iso-week.ts) of each entry. */
  week: Int32Array;
  count: Int32Array;
}

/**
 * A space-time cube over exactly the weeks `firstWeek … firstWeek + weeks − 1` from incidents
 * already binned per cell and week (a database's GROUP BY): locations are the cells with at least
 * one incident in those weeks, or every cell inside `boundary`. Unlike {@link buildSpaceTimeCube}
 * the time axis is fixed by the caller, so trailing or leading empty weeks stay in the cube (a
 * weekly picture always covers the same twelve weeks). Entries outside the weeks are ignored;
 * entries in cells outside the boundary are counted in `outside`.
 */
export function spaceTimeCubeFromCounts(
  binned: BinnedCellWeeks,
  opts: { cellSize: number; firstWeek: number; weeks: number; boundary?: Rings; boundaryCells?: { ix: Int32Array; iy: Int32Array } },
): SpaceTimeCube {
  const T = opts.weeks;
  if (!Number.isInteger(T) || T < 1) throw new AnalysisError("kuben behöver minst en vecka");
  const m = binned.ix.length;
  if (binned.iy.length !== m || binned.week.length !== m || binned.count.length !== m) throw new RangeError("kolumnerna har olika längd");
  let ix: Int32Array;
  let iy: Int32Array;
  if (opts.boundaryCells) {
    ix = opts.boundaryCells.ix;
    iy = opts.boundaryCells.iy;
  } else if (opts.boundary) {
    const inside = cellsInsideRings(opts.boundary, opts.cellSize);
    ix = inside.ix;
    iy = inside.iy;
  } else {
    const acc = new CellAccumulator(opts.cellSize, false);
    for (let i = 0; i < m; i++) {
      const t = binned.week[i] - opts.firstWeek;
      if (t >= 0 && t < T && binned.count[i] > 0) acc.add(binned.ix[i], binned.iy[i], 1);
    }
    const cells = acc.result();
    ix = cells.ix;
    iy = cells.iy;
  }
  const n = ix.length;
  if (n < 3) throw new AnalysisError(`för få celler (${n}) för Gi*: minst 3 behövs`);
  if (n * T > 100_000_000) {
    throw new AnalysisError(`kuben blir för stor (${n} celler × ${T} veckor): välj större celler eller kortare period`);
  }
  const lookup = buildCellLookup(ix, iy);
  const value = new Float64Array(n * T);
  const count = new Int32Array(n);
  let outside = 0;
  let used = 0;
  for (let i = 0; i < m; i++) {
    const t = binned.week[i] - opts.firstWeek;
    const k = binned.count[i];
    if (t < 0 || t >= T || !(k > 0)) continue;
    const c = lookup.get(binned.ix[i], binned.iy[i]);
    if (c < 0) {
      outside += k;
      continue;
    }
    used += k;
    count[c] += k;
    value[c * T + t] += k;
  }
  return { ix, iy, firstWeek: opts.firstWeek, weeks: T, count, value, points: used, outside };
}

/** Emerging hot spots of a built cube (space-time Gi*, FDR, Mann–Kendall, patterns; see module comment). */
export function emergingHotspotsFromCube(cube: SpaceTimeCube, options: EmergingOptions, skipped: SkippedPoints = emptySkipped()): EmergingResult {
  validateEmergingOptions(options);
  const k = options.timeStep ?? 1;
  const alpha = options.alpha ?? 0.1;
  const trendAlpha = options.trendAlpha ?? 0.1;
  const fdr = options.fdr ?? true;
  const { ix, iy, count, value, firstWeek: w0, weeks: T, outside, points: used } = cube;
  const n = ix.length;
  const cell = options.cellSize;
  const z = spaceTimeGiStar(ix, iy, value, T, cell, options.band, k);
  const N = n * T;
  const p = new Float64Array(N);
  for (let i = 0; i < N; i++) p[i] = twoSidedP(z[i]);
  const significance = fdr ? benjaminiHochberg(p) : p;
  const state = new Int8Array(N);
  for (let i = 0; i < N; i++) state[i] = significance[i] < alpha ? (z[i] > 0 ? 1 : z[i] < 0 ? -1 : 0) : 0;
  const pattern = new Uint8Array(n);
  const trend: MannKendallResult[] = new Array(n);
  const hotBins = new Int32Array(n);
  const coldBins = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    const mk = mannKendall(z, c * T, T);
    trend[c] = mk;
    const st = state.subarray(c * T, c * T + T);
    for (let t = 0; t < T; t++) {
      if (st[t] > 0) hotBins[c]++;
      else if (st[t] < 0) coldBins[c]++;
    }
    pattern[c] = EMERGING_PATTERNS.indexOf(classifyEmergingPattern(st, mk, trendAlpha));
  }
  const weekLabels: string[] = [];
  for (let t = 0; t < T; t++) weekLabels.push(isoWeekLabel(w0 + t));
  return {
    cellSize: cell,
    band: options.band,
    timeStep: k,
    firstWeek: w0,
    weeks: T,
    weekLabels,
    ix,
    iy,
    count,
    pattern,
    trend,
    hotBins,
    coldBins,
    value,
    z,
    p,
    significance,
    state,
    points: used,
    skipped,
    outside,
  };
}
