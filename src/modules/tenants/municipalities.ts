// Sweden's 290 municipalities from shipped open data (assets/geo/): name, län and boundary.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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

export function municipalityBoundary(kommunkod: string): GeoJSONGeometry | null {
  const fc = JSON.parse(readFileSync(`${GEO_DIR}sweden-municipalities-okfse.geojson`, "utf8")) as {
    features: Array<{ properties: { id: string }; geometry: GeoJSONGeometry }>;
  };
  return fc.features.find((f) => f.properties.id === kommunkod)?.geometry ?? null;
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
