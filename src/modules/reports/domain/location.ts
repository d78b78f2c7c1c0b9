// Where a report is: inside the municipality's boundary or not, in which area, near which
// named place. Pure functions over the tenant's geography (boundary, areas with polygons,
// places), all in SWEREF 99 TM metres.
import { latLonToSweref, pointInRings, type Rings, ringsBounds, ringsFromGeoJson } from "../../../analysis/index.ts";

export type Geography = {
  /** The municipality's boundary (null: the tenant has none stored — every Swedish point is accepted). */
  boundary: { rings: Rings; bounds: ReturnType<typeof ringsBounds> } | null;
  /** Areas with a polygon, in the tenant's order (the first that contains a point wins). */
  areas: Array<{ id: string; name: string; rings: Rings; bounds: ReturnType<typeof ringsBounds> }>;
};

function indexed(geometry: unknown): { rings: Rings; bounds: ReturnType<typeof ringsBounds> } | null {
  if (!geometry) return null;
  try {
    const rings = ringsFromGeoJson(geometry, "wgs84");
    return { rings, bounds: ringsBounds(rings) };
  } catch {
    return null;
  }
}

export function buildGeography(boundary: unknown, areas: ReadonlyArray<{ id: string; name: string; geometry: unknown }>): Geography {
  return {
    boundary: indexed(boundary),
    areas: areas.flatMap((a) => {
      const g = indexed(a.geometry);
      return g ? [{ id: a.id, name: a.name, ...g }] : [];
    }),
  };
}

function inside(e: number, n: number, g: { rings: Rings; bounds: ReturnType<typeof ringsBounds> }): boolean {
  const b = g.bounds;
  if (e < b.minX || e > b.maxX || n < b.minY || n > b.maxY) return false;
  return pointInRings(e, n, g.rings);
}

/** Sweden's rough extent (WGS84); anything outside is not a Swedish position at all. */
export function inSwedenBox(lat: number, lon: number): boolean {
  return lat >= 55 && lat <= 69.1 && lon >= 10.9 && lon <= 24.2;
}

export type Placed = { lat: number; lon: number; n: number; e: number; areaId: string | null };

/** The point's SWEREF coordinates and area, or where it lies when it is outside the tenant. */
export function placePoint(geo: Geography, lat: number, lon: number): { kind: "inside"; point: Placed } | { kind: "outside" } {
  const { n, e } = latLonToSweref(lat, lon);
  if (geo.boundary && !inside(e, n, geo.boundary)) return { kind: "outside" };
  const area = geo.areas.find((a) => inside(e, n, a));
  return { kind: "inside", point: { lat, lon, n, e, areaId: area?.id ?? null } };
}

/** The area a point lies in (null: none with a polygon contains it). */
export function areaAt(geo: Geography, lat: number, lon: number): string | null {
  const { n, e } = latLonToSweref(lat, lon);
  return geo.areas.find((a) => inside(e, n, a))?.id ?? null;
}

/** Parse a coordinate typed or sent as text ("56,38" or "56.38"); null when it is not a number. */
export function parseCoordinate(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const s = v.trim().replace(",", ".");
  if (!/^-?\d{1,3}(\.\d+)?$/.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

/** Distance in metres between two SWEREF points. */
export function distance(a: { n: number; e: number }, b: { n: number; e: number }): number {
  return Math.hypot(a.n - b.n, a.e - b.e);
}
