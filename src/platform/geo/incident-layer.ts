// The incident map shared by resident reports, EST and walks: from incidents (position,
// category, whether the category is person-related, a label) build what a map and its table
// alternative show, under the privacy rule — place-type categories (belysning, klotter …) at their
// position, person-related ones (narkotika, ordningsstörning …) only as counts per grid cell with
// small numbers left out (public-cells.ts). The same function feeds the page's map island
// (web/islands/map.js, `layers`), the table under the map and any feed, so no output can show
// more than another.
import { latLonToSweref, swerefToLatLon } from "../../analysis/index.ts";
import { type PublicCell, publicCells } from "./public-cells.ts";

export type Incident = {
  lat: number;
  lon: number;
  category: string;
  /** Person-related categories are never shown as points on a public map. */
  personRelated: boolean;
  /** Text for the point (shown as text, never as HTML). */
  label: string;
  /** Link for the point (its own page), when it has one. */
  href?: string;
};

export type LayerOptions = {
  /** Grid cell for person-related categories, metres (≥ 50). */
  cellSize: number;
  /** Cells with fewer incidents are left out (the tenant's threshold, ≥ 1). */
  minCount: number;
  /** Staff may see every point, person-related ones too (never on a public page). */
  showAllPoints?: boolean;
  /** Label of a cell, e.g. (category, count) => "Narkotika: 4 rapporter i rutan". */
  cellLabel: (category: string, count: number) => string;
};

export type IncidentLayer = {
  /** GeoJSON for the map island: Point features and Polygon cells, each with properties.label. */
  geojson: { type: "FeatureCollection"; features: Array<Record<string, unknown>> };
  /** The points shown (for the table alternative). */
  points: Incident[];
  /** The cells shown (for the table alternative). */
  cells: PublicCell[];
  /** Person-related incidents not shown anywhere because their cell is below the threshold. */
  suppressed: number;
};

/** The cell's square as a polygon in WGS84 (corners projected back from SWEREF 99 TM). */
function cellPolygon(
  c: PublicCell,
  toLatLon: (n: number, e: number) => { lat: number; lon: number },
  toSweref: (lat: number, lon: number) => { n: number; e: number },
) {
  const centre = toSweref(c.lat, c.lon);
  const h = c.cellSize / 2;
  const corners = [
    [centre.n - h, centre.e - h],
    [centre.n - h, centre.e + h],
    [centre.n + h, centre.e + h],
    [centre.n + h, centre.e - h],
    [centre.n - h, centre.e - h],
  ].map(([n, e]) => {
    const p = toLatLon(n!, e!);
    return [Math.round(p.lon * 1e6) / 1e6, Math.round(p.lat * 1e6) / 1e6];
  });
  return { type: "Polygon", coordinates: [corners] };
}

export function incidentLayer(incidents: readonly Incident[], opts: LayerOptions): IncidentLayer {
  const points = incidents.filter((i) => opts.showAllPoints || !i.personRelated);
  const hidden = opts.showAllPoints ? [] : incidents.filter((i) => i.personRelated);
  const cells = publicCells(hidden, { cellSize: opts.cellSize, minCount: opts.minCount });
  const shownInCells = cells.reduce((n, c) => n + c.count, 0);
  const features: Array<Record<string, unknown>> = [
    ...points.map((p) => ({
      type: "Feature",
      properties: { label: p.label, category: p.category, ...(p.href ? { href: p.href } : {}) },
      geometry: { type: "Point", coordinates: [Math.round(p.lon * 1e6) / 1e6, Math.round(p.lat * 1e6) / 1e6] },
    })),
    ...cells.map((c) => ({
      type: "Feature",
      properties: {
        label: opts.cellLabel(c.category, c.count),
        category: c.category,
        count: c.count,
        style: { color: "#5b2a86", weight: 1, fillOpacity: 0.35 },
      },
      geometry: cellPolygon(
        c,
        (n, e) => swerefToLatLon(n, e),
        (lat, lon) => latLonToSweref(lat, lon),
      ),
    })),
  ];
  return { geojson: { type: "FeatureCollection", features }, points, cells, suppressed: hidden.length - shownInCells };
}
