// Public maps never reveal single incidents of person-related categories (narkotika,
// ordningsstörning …): such points are shown only as counts per grid cell in SWEREF 99 TM
// (EPSG:3006), and a cell with fewer than the tenant's threshold is left out entirely — in the
// HTML, the map data, feeds, Open311 and CSV alike (every output takes its cells from here).
// Place-type categories (belysning, klotter …) may be shown at their position by the caller.
import { cellCentre, cellIndex, latLonToSweref, swerefToLatLon } from "../../analysis/index.ts";

export type PublicPoint = { lat: number; lon: number; category: string };

export type PublicCell = {
  /** Centre of the cell (WGS84), rounded to 5 decimals (~1 m): never a report's own position. */
  lat: number;
  lon: number;
  /** Side of the square cell in metres. */
  cellSize: number;
  category: string;
  count: number;
};

export type PublicCellsOptions = { cellSize: number; minCount: number };

/** Count points per category and grid cell; cells below `minCount` are dropped. */
export function publicCells(points: Iterable<PublicPoint>, opts: PublicCellsOptions): PublicCell[] {
  if (!(opts.cellSize >= 50) || !(opts.minCount >= 1)) throw new Error("publicCells: cellSize ≥ 50 m och minCount ≥ 1 krävs");
  const counts = new Map<string, { ix: number; iy: number; category: string; count: number }>();
  for (const p of points) {
    const { n, e } = latLonToSweref(p.lat, p.lon);
    const ix = cellIndex(e, opts.cellSize);
    const iy = cellIndex(n, opts.cellSize);
    const key = `${p.category}\u0000${ix}\u0000${iy}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { ix, iy, category: p.category, count: 1 });
  }
  const out: PublicCell[] = [];
  for (const c of counts.values()) {
    if (c.count < opts.minCount) continue;
    const { lat, lon } = swerefToLatLon(cellCentre(c.iy, opts.cellSize), cellCentre(c.ix, opts.cellSize));
    out.push({ lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5, cellSize: opts.cellSize, category: c.category, count: c.count });
  }
  return out.sort((a, b) => a.category.localeCompare(b.category) || b.count - a.count || a.lat - b.lat || a.lon - b.lon);
}

/** A count for a table or an area: the number, or null ("färre än N") below the threshold. */
export function suppressedCount(count: number, minCount: number): number | null {
  return count >= minCount ? count : null;
}
