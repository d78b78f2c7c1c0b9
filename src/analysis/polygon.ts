/**
 * Boundary polygons in SWEREF 99 TM metres, and the grid cells inside them.
 *
 * A boundary is a list of rings, each a flat Float64Array [x₀, y₀, x₁, y₁, …] (x = E, y = N);
 * outer rings, holes and the parts of a multipolygon are all just rings, and a point is inside
 * when a ray from it crosses the rings an odd number of times (even–odd rule). A grid cell belongs
 * to the boundary when its centroid is inside.
 *
 * {@link cellsInsideRings} finds those cells row by row (scanline): for the centroid line
 * y = (iy + ½)·cell it computes the crossings xₖ of every edge (an edge (x₁,y₁)–(x₂,y₂) crosses
 * when (y₁ > y) ≠ (y₂ > y), at x = x₁ + (y − y₁)(x₂ − x₁)/(y₂ − y₁)), sorts them, and takes the
 * centroids with x₂ₖ₋₁ ≤ (ix + ½)·cell < x₂ₖ — exactly the cells whose centroid the point test
 * {@link pointInRings} accepts, in O(cells + edges·rows).
 */
import { latLonToSweref } from "./projection.ts";

/** Rings of a boundary in SWEREF 99 TM metres. */
export type Rings = Float64Array[];

/** Even–odd point-in-polygon test (x = E, y = N). */
export function pointInRings(x: number, y: number, rings: Rings): boolean {
  let inside = false;
  for (const r of rings) {
    const m = r.length >> 1;
    for (let i = 0, j = m - 1; i < m; j = i++) {
      const xi = r[2 * i];
      const yi = r[2 * i + 1];
      const xj = r[2 * j];
      const yj = r[2 * j + 1];
      if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
    }
  }
  return inside;
}

/** Bounding box of the rings. */
export function ringsBounds(rings: Rings): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const r of rings) {
    for (let k = 0; k < r.length; k += 2) {
      if (r[k] < minX) minX = r[k];
      if (r[k] > maxX) maxX = r[k];
      if (r[k + 1] < minY) minY = r[k + 1];
      if (r[k + 1] > maxY) maxY = r[k + 1];
    }
  }
  return { minX, minY, maxX, maxY };
}

/** Cells (row-major) whose centroid lies inside the rings. */
export function cellsInsideRings(rings: Rings, cellSize: number): { ix: Int32Array; iy: Int32Array } {
  const { minY, maxY } = ringsBounds(rings);
  if (!Number.isFinite(minY)) return { ix: new Int32Array(0), iy: new Int32Array(0) };
  const outX: number[] = [];
  const outY: number[] = [];
  const iy0 = Math.floor(minY / cellSize);
  const iy1 = Math.floor(maxY / cellSize);
  const xs: number[] = [];
  for (let iy = iy0; iy <= iy1; iy++) {
    const y = (iy + 0.5) * cellSize;
    xs.length = 0;
    for (const r of rings) {
      const m = r.length >> 1;
      for (let i = 0, j = m - 1; i < m; j = i++) {
        const yi = r[2 * i + 1];
        const yj = r[2 * j + 1];
        if (yi > y !== yj > y) {
          const xi = r[2 * i];
          const xj = r[2 * j];
          xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
        }
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const first = Math.ceil(xs[k] / cellSize - 0.5);
      const last = Math.ceil(xs[k + 1] / cellSize - 0.5) - 1;
      for (let ix = first; ix <= last; ix++) {
        outX.push(ix);
        outY.push(iy);
      }
    }
    if (outX.length > 50_000_000) throw new RangeError("gränsen täcker för många celler för den valda cellstorleken");
  }
  return { ix: Int32Array.from(outX), iy: Int32Array.from(outY) };
}

type Position = number[];

/** Coordinate reference system of a GeoJSON boundary. */
export type BoundaryCrs = "wgs84" | "sweref99tm" | "auto";

function collectPolygons(g: unknown, out: Position[][][]): void {
  if (g === null || typeof g !== "object") return;
  const o = g as { type?: string; features?: unknown[]; geometry?: unknown; geometries?: unknown[]; coordinates?: unknown };
  switch (o.type) {
    case "FeatureCollection":
      for (const f of o.features ?? []) collectPolygons(f, out);
      return;
    case "Feature":
      collectPolygons(o.geometry, out);
      return;
    case "GeometryCollection":
      for (const f of o.geometries ?? []) collectPolygons(f, out);
      return;
    case "Polygon":
      out.push(o.coordinates as Position[][]);
      return;
    case "MultiPolygon":
      for (const p of o.coordinates as Position[][][]) out.push(p);
      return;
    default:
      return;
  }
}

/**
 * Rings in SWEREF 99 TM of the (Multi)Polygons of a parsed GeoJSON object (FeatureCollection,
 * Feature or geometry). `crs`: "wgs84" = [lon, lat] degrees (projected here with the exact
 * Krüger series), "sweref99tm" = [E, N] metres, "auto" (default) = a legacy `crs` member naming
 * EPSG:3006 means metres, otherwise coordinates that all look like degrees (|x| ≤ 180, |y| ≤ 90)
 * are degrees and anything else is metres.
 */
export function ringsFromGeoJson(geojson: unknown, crs: BoundaryCrs = "auto"): Rings {
  const polys: Position[][][] = [];
  collectPolygons(geojson, polys);
  if (polys.length === 0) throw new RangeError("gränsfilen innehåller ingen Polygon eller MultiPolygon");
  let kind = crs;
  if (kind === "auto") {
    const named = JSON.stringify((geojson as { crs?: unknown }).crs ?? "");
    if (/3006/.test(named)) kind = "sweref99tm";
    else {
      let degrees = true;
      for (const p of polys) for (const ring of p) for (const c of ring) if (Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90) degrees = false;
      kind = degrees ? "wgs84" : "sweref99tm";
    }
  }
  const rings: Rings = [];
  for (const p of polys) {
    for (const ring of p) {
      const r = new Float64Array(ring.length * 2);
      for (let k = 0; k < ring.length; k++) {
        const [x, y] = ring[k];
        if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError("gränsfilen har ogiltiga koordinater");
        if (kind === "wgs84") {
          const q = latLonToSweref(y, x);
          r[2 * k] = q.e;
          r[2 * k + 1] = q.n;
        } else {
          r[2 * k] = x;
          r[2 * k + 1] = y;
        }
      }
      rings.push(r);
    }
  }
  return rings;
}
