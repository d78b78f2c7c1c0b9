// Sweden's 290 municipalities from shipped open data (assets/geo/): name, län and boundary.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { latLonToSweref, pointInRings, type Rings, ringsBounds, ringsFromGeoJson } from "../../analysis/index.ts";
import type { GeoJSONGeometry } from "../../platform/db/schema.ts";

const GEO_DIR = fileURLToPath(new URL("../../../assets/geo/", import.meta.url));

export type Municipality = { kommunkod: string; name: string; lanCode: string; lan: string };

let cache: Map<string, Municipality> | null = null;

export function listMunicipalities(): Map<string, Municipality> {
  if (cache) return cache;
  const text = readFileSync(`${GEO_DIR}swedish_admin_areas.csv`, "utf8");
  const map = new Map<string, Municipality>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [kommunkod, name, lanCode, lan] = line.split(",");
    if (kommunkod && name && lanCode && lan) map.set(kommunkod, { kommunkod, name, lanCode, lan });
  }
  cache = map;
  return map;
}

export function findMunicipality(kommunkod: string): Municipality | undefined {
  return listMunicipalities().get(kommunkod);
}

type Boundaries = Array<{ properties: { id: string }; geometry: GeoJSONGeometry }>;
let boundaries: Boundaries | null = null;

function allBoundaries(): Boundaries {
  boundaries ??= (JSON.parse(readFileSync(`${GEO_DIR}sweden-municipalities-okfse.geojson`, "utf8")) as { features: Boundaries }).features;
  return boundaries;
}

export function municipalityBoundary(kommunkod: string): GeoJSONGeometry | null {
  return allBoundaries().find((f) => f.properties.id === kommunkod)?.geometry ?? null;
}

type Indexed = { kommunkod: string; rings: Rings; bounds: ReturnType<typeof ringsBounds> };
let index: Indexed[] | null = null;

/**
 * The Swedish municipality a point (WGS84) lies in, from the shipped boundaries, or undefined
 * outside Sweden (at sea, abroad). Used to tell a resident whose pin is outside the tenant where
 * it actually is.
 */
export function municipalityAt(lat: number, lon: number): Municipality | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < 54 || lat > 70 || lon < 10 || lon > 25) return undefined;
  index ??= allBoundaries().map((f) => {
    const rings = ringsFromGeoJson(f.geometry, "wgs84");
    return { kommunkod: f.properties.id, rings, bounds: ringsBounds(rings) };
  });
  const { n, e } = latLonToSweref(lat, lon);
  for (const m of index) {
    const b = m.bounds;
    if (e < b.minX || e > b.maxX || n < b.minY || n > b.maxY) continue;
    if (pointInRings(e, n, m.rings)) return findMunicipality(m.kommunkod);
  }
  return undefined;
}

/** Genitive form as used in the official name: "Osby kommun", "Hässleholms kommun", "Östra Göinge kommun". */
export function municipalityDisplayName(m: Municipality): string {
  return /[aeiouyåäösxz]$/i.test(m.name) ? `${m.name} kommun` : `${m.name}s kommun`;
}

/** "Lönsboda" → "lonsboda", "Östra Göinge" → "ostra-goinge". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/é/g, "e")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
