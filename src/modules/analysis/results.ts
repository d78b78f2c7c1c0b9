// From the engine's typed-array results to what a run stores: class counts, and compact JSON of
// the significant cells only (hot and cold spots; emerging locations with a pattern). Pure.
import { EMERGING_PATTERNS, type EmergingResult, type HotspotResult } from "../../analysis/index.ts";
import type { ClassCounts, EmergingResults, HotspotResults } from "./tables.ts";

/** At most this many cells are stored per run (the strongest by |z|); the run says when more were found. */
export const MAX_STORED_CELLS = 50_000;

/** z to 4 decimals, p and q to 4 significant digits: plenty for reading, small as JSON. */
function roundZ(z: number): number {
  return Number.isFinite(z) ? Math.round(z * 1e4) / 1e4 : 0;
}
function roundP(p: number): number {
  return Number.isFinite(p) ? Number(p.toPrecision(4)) : 1;
}

export function classCounts(classes: Int8Array): ClassCounts {
  const c: ClassCounts = { cells: classes.length, hot99: 0, hot95: 0, hot90: 0, ns: 0, cold90: 0, cold95: 0, cold99: 0 };
  const keys = ["cold99", "cold95", "cold90", "ns", "hot90", "hot95", "hot99"] as const;
  for (let i = 0; i < classes.length; i++) c[keys[(classes[i] as number) + 3] as (typeof keys)[number]]++;
  return c;
}

/** Indices of `picked` sorted by |value| descending, cut to `max`, then back in their original (row-major) order. */
function strongest(picked: number[], magnitude: (i: number) => number, max: number): { keep: number[]; truncated: boolean } {
  if (picked.length <= max) return { keep: picked, truncated: false };
  const keep = [...picked].sort((a, b) => magnitude(b) - magnitude(a)).slice(0, max);
  keep.sort((a, b) => a - b);
  return { keep, truncated: true };
}

export function compactHotspots(r: Pick<HotspotResult, "ix" | "iy" | "count" | "z" | "p" | "q" | "classes">, max = MAX_STORED_CELLS): HotspotResults {
  const picked: number[] = [];
  for (let i = 0; i < r.classes.length; i++) if (r.classes[i] !== 0) picked.push(i);
  const { keep, truncated } = strongest(picked, (i) => Math.abs(r.z[i] as number), max);
  const cells: HotspotResults["cells"] = { ix: [], iy: [], count: [], z: [], p: [], q: [], cls: [] };
  for (const i of keep) {
    cells.ix.push(r.ix[i] as number);
    cells.iy.push(r.iy[i] as number);
    cells.count.push(r.count[i] as number);
    cells.z.push(roundZ(r.z[i] as number));
    cells.p.push(roundP(r.p[i] as number));
    cells.q.push(roundP(r.q[i] as number));
    cells.cls.push(r.classes[i] as number);
  }
  return { cells, truncated };
}

export function compactEmerging(r: EmergingResult, max = MAX_STORED_CELLS): EmergingResults {
  const picked: number[] = [];
  // As for hot spots (assessment.ts): a location without incidents is never shown as a pattern.
  for (let i = 0; i < r.pattern.length; i++) if (r.pattern[i] !== 0 && (r.count[i] as number) > 0) picked.push(i);
  const T = r.weeks;
  const { keep, truncated } = strongest(picked, (i) => Math.abs(r.z[i * T + T - 1] as number) || 0, max);
  const cells: EmergingResults["cells"] = { ix: [], iy: [], count: [], pattern: [], hot: [], cold: [], tau: [], trendP: [] };
  for (const i of keep) {
    const mk = r.trend[i]!;
    cells.ix.push(r.ix[i] as number);
    cells.iy.push(r.iy[i] as number);
    cells.count.push(r.count[i] as number);
    cells.pattern.push(EMERGING_PATTERNS[r.pattern[i] as number] as string);
    cells.hot.push(r.hotBins[i] as number);
    cells.cold.push(r.coldBins[i] as number);
    cells.tau.push(roundZ(mk.tau));
    cells.trendP.push(roundP(mk.p));
  }
  return {
    weeks: T,
    firstWeek: r.weekLabels[0] ?? "",
    lastWeek: r.weekLabels[T - 1] ?? "",
    locations: r.ix.length,
    cells,
    truncated,
  };
}

/**
 * Merge skip reports: parse-level line numbers, and engine-level indices into the points array
 * turned into positions (line numbers for a CSV, indices for the API). First ≤ `keep`, ascending.
 */
export function mergeSkipped(
  parsed: { count: number; first: number[] },
  engine: { count: number; first: number[] },
  position: (i: number) => number,
  keep = 10,
): { count: number; first: number[] } {
  const first = [...parsed.first, ...engine.first.map(position)].sort((a, b) => a - b).slice(0, keep);
  return { count: parsed.count + engine.count, first };
}
