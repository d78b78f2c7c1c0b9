// Results described by place, in words a kommunpolis uses: the tenant's areas ("inom Lönsboda")
// and the nearest named place ("250 m sydost om centrala Osby"). Everything goes through one
// lookup — describePlace(db, tenantId, lat, lon), or placeDescriber(db, tenantId) for many points
// at once — and loadGazetteer is the one place that decides where names come from: the tenant's
// areas and its named places (the tenants module's `places`, shared with reports, EST and walks).
//
// Honesty rules: a place is described no finer than its stated precision (a village centre
// known to ±500 m never gets "150 m norr om"), and beyond MAX_NEAR_METRES from every named
// place the description falls back to coordinates.
import type { Kysely } from "kysely";
import { latLonToSweref, pointInRings, type Rings, ringsFromGeoJson } from "../../analysis/index.ts";
import type { DB, GeoJSONGeometry } from "../../platform/db/schema.ts";
import { content } from "../../platform/i18n/content.ts";
import { formatNumber, type Locale, type Translate } from "../../platform/i18n/i18n.ts";
import { listAreas, listPlaces } from "../tenants/index.ts";

/** Beyond this distance from every named place a point is given as coordinates. */
export const MAX_NEAR_METRES = 15_000;

/** A named place; a locality ("ort") is spoken of as "centrala X", any other place as "vid X". */
export type NamedPlace = { name: string; lat: number; lon: number; precisionM: number; locality: boolean };
export type AreaShape = { name: string; geometry: GeoJSONGeometry | null };
export type Gazetteer = { places: NamedPlace[]; areas: AreaShape[] };

export const DIRECTIONS = ["n", "ne", "e", "se", "s", "sw", "w", "nw"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A point described by place; language-neutral (placeText turns it into words). */
export type PlaceDescription = {
  lat: number;
  lon: number;
  /** The first of the tenant's areas (in their order) that contains the point. */
  area: string | null;
  /** The nearest named place within MAX_NEAR_METRES; direction null = in its centre. */
  near: { name: string; locality: boolean; distanceM: number; direction: Direction | null } | null;
};

export type DescribePlace = (lat: number, lon: number) => PlaceDescription;

/** Distance rounded to a step no finer than the place's precision (½ precision, nice numbers). */
export function roundDistance(d: number, precisionM: number): number {
  const steps = [50, 100, 250, 500, 1000];
  let step = steps.find((s) => s >= precisionM / 2) ?? 1000;
  if (d >= 1000 && step < 100) step = 100;
  if (d >= 10_000) step = Math.max(step, 1000);
  return Math.max(step, Math.round(d / step) * step);
}

/** Compass direction (8 points) of a displacement east/north in metres. */
export function directionOf(dE: number, dN: number): Direction {
  const deg = ((Math.atan2(dE, dN) * 180) / Math.PI + 360) % 360;
  return DIRECTIONS[Math.round(deg / 45) % 8] as Direction;
}

type ProjectedPlace = NamedPlace & { e: number; n: number };
type ProjectedArea = { name: string; rings: Rings };

/** A describer over a gazetteer (pure; no database). */
export function makeDescriber(g: Gazetteer): DescribePlace {
  const places: ProjectedPlace[] = g.places.map((p) => {
    const s = latLonToSweref(p.lat, p.lon);
    return { ...p, e: s.e, n: s.n };
  });
  const areas: ProjectedArea[] = [];
  for (const a of g.areas) {
    if (!a.geometry || (a.geometry.type !== "Polygon" && a.geometry.type !== "MultiPolygon")) continue;
    try {
      areas.push({ name: a.name, rings: ringsFromGeoJson(a.geometry, "wgs84") });
    } catch {
      // An area whose geometry cannot be read simply does not describe anything.
    }
  }
  return (lat, lon) => {
    const s = latLonToSweref(lat, lon);
    const area = areas.find((a) => pointInRings(s.e, s.n, a.rings))?.name ?? null;
    let best: ProjectedPlace | null = null;
    let bestD = Number.POSITIVE_INFINITY;
    for (const p of places) {
      const d = Math.hypot(s.e - p.e, s.n - p.n);
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    if (!best || bestD > MAX_NEAR_METRES) return { lat, lon, area, near: null };
    if (bestD <= Math.max(150, best.precisionM)) return { lat, lon, area, near: { name: best.name, locality: best.locality, distanceM: 0, direction: null } };
    return {
      lat,
      lon,
      area,
      near: {
        name: best.name,
        locality: best.locality,
        distanceM: roundDistance(bestD, best.precisionM),
        direction: directionOf(s.e - best.e, s.n - best.n),
      },
    };
  };
}

/** Where the names come from (see module comment). Switch here when EST brings named places. */
export async function loadGazetteer(db: Kysely<DB>, tenantId: string): Promise<Gazetteer> {
  const [places, areas] = await Promise.all([listPlaces(db, tenantId), listAreas(db, tenantId)]);
  return {
    places: places.map((p) => ({ name: p.name, lat: p.lat, lon: p.lon, precisionM: p.precision_m, locality: p.kind === "ort" })),
    areas: areas.map((a) => ({ name: a.name, geometry: (a.geometry as GeoJSONGeometry | null) ?? null })),
  };
}

/** A describer for many points of one tenant (one database round trip). */
export async function placeDescriber(db: Kysely<DB>, tenantId: string): Promise<DescribePlace> {
  return makeDescriber(await loadGazetteer(db, tenantId));
}

/** One point of one tenant, described by place. */
export async function describePlace(db: Kysely<DB>, tenantId: string, lat: number, lon: number): Promise<PlaceDescription> {
  return (await placeDescriber(db, tenantId))(lat, lon);
}

function distanceText(locale: Locale, m: number): string {
  if (m < 1000) return `${formatNumber(m, locale, 0)} m`;
  return `${formatNumber(m / 1000, locale, m < 10_000 ? 1 : 0)} km`;
}

/**
 * "250 m sydost om centrala Osby", "centrala Lönsboda", or coordinates. `marked`: the place's
 * name carries a content mark (src/platform/i18n/content.ts) for pages, which tag it lang="sv" on
 * English pages; plain text (the default) goes to the API, CSV and map labels.
 */
export function placeText(t: Translate, locale: Locale, d: PlaceDescription, marked = false): string {
  if (!d.near) return t("analysis.place.coordinates", { lat: formatNumber(d.lat, locale, 4), lon: formatNumber(d.lon, locale, 4) });
  const name = marked ? content(d.near.name) : d.near.name;
  if (d.near.direction === null) return t(d.near.locality ? "analysis.place.central" : "analysis.place.at", { name });
  return t(d.near.locality ? "analysis.place.near" : "analysis.place.nearPlace", {
    distance: distanceText(locale, d.near.distanceM),
    direction: t(`analysis.direction.${d.near.direction}`),
    name,
  });
}

/** "inom Lönsboda", or null outside every area (`marked` as for placeText). */
export function areaText(t: Translate, d: PlaceDescription, marked = false): string | null {
  return d.area ? t("analysis.place.within", { area: marked ? content(d.area) : d.area }) : null;
}
