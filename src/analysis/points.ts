/**
 * Point input of the hot spot pipelines: geographic (lat, lon in degrees, projected here) or
 * already in SWEREF 99 TM (north, east in metres), with optional weights.
 *
 * Points with a non-finite coordinate, outside the accepted area (projection.ts), or with a
 * non-finite weight are skipped — and reported, never dropped silently: {@link SkippedPoints}
 * carries their number and the indices of the first few.
 */
import { createSwerefProjector, type SwerefProjector } from "./fast-projection.ts";
import { isAcceptedLatLon, isAcceptedSweref } from "./projection.ts";

/** Incidents in WGS84 / SWEREF 99 geographic degrees. */
export interface LatLonPoints {
  lat: Float64Array;
  lon: Float64Array;
  weight?: Float64Array;
}

/** Incidents already projected to SWEREF 99 TM metres. */
export interface SwerefPoints {
  north: Float64Array;
  east: Float64Array;
  weight?: Float64Array;
}

export type PointsInput = LatLonPoints | SwerefPoints;

/** Skipped input rows or points. */
export interface SkippedPoints {
  count: number;
  /** First few (≤ 10) indices (API) or line numbers (CLI), ascending. */
  first: number[];
}

/** How many skipped positions are kept for the report. */
export const SKIPPED_KEEP = 10;

export function emptySkipped(): SkippedPoints {
  return { count: 0, first: [] };
}

export function noteSkipped(s: SkippedPoints, position: number): void {
  s.count++;
  if (s.first.length < SKIPPED_KEEP) s.first.push(position);
}

let projector: SwerefProjector | undefined;

/** The thread's shared fast projector (tiles are built once per thread). */
export function sharedProjector(): SwerefProjector {
  projector ??= createSwerefProjector();
  return projector;
}

/** Valid points in SWEREF 99 TM (compacted), and what was skipped. */
export interface ProjectedPoints {
  north: Float64Array;
  east: Float64Array;
  weight?: Float64Array;
  /** Position of each kept point in the input. */
  index: Int32Array;
  skipped: SkippedPoints;
}

function isLatLon(p: PointsInput): p is LatLonPoints {
  return (p as LatLonPoints).lat !== undefined;
}

/** Validate, compact and project the input. */
export function projectPoints(input: PointsInput): ProjectedPoints {
  const skipped = emptySkipped();
  const a = isLatLon(input) ? input.lat : input.north;
  const b = isLatLon(input) ? input.lon : input.east;
  const n = a.length;
  if (b.length !== n || (input.weight && input.weight.length !== n)) {
    throw new RangeError("koordinat- och viktkolumnerna har olika längd");
  }
  const keep = new Int32Array(n);
  let m = 0;
  const w = input.weight;
  const accept = isLatLon(input) ? isAcceptedLatLon : isAcceptedSweref;
  for (let i = 0; i < n; i++) {
    if (accept(a[i], b[i]) && (w === undefined || Number.isFinite(w[i]))) keep[m++] = i;
    else noteSkipped(skipped, i);
  }
  const north = new Float64Array(m);
  const east = new Float64Array(m);
  const weight = w ? new Float64Array(m) : undefined;
  const index = keep.slice(0, m);
  if (isLatLon(input)) {
    const lat = new Float64Array(m);
    const lon = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      lat[k] = a[index[k]];
      lon[k] = b[index[k]];
    }
    sharedProjector().project(lat, lon, north, east, 0, m);
  } else {
    for (let k = 0; k < m; k++) {
      north[k] = a[index[k]];
      east[k] = b[index[k]];
    }
  }
  if (weight && w) for (let k = 0; k < m; k++) weight[k] = w[index[k]];
  return weight ? { north, east, weight, index, skipped } : { north, east, index, skipped };
}
