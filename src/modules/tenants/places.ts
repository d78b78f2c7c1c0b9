// Named places of a tenant: SQL, the rules for adding and removing them, and describing a
// position in words by the nearest place ("Osby station", "300 m nordost om Lönsboda centrum").
// Other modules use them through this module's index.ts (reporting where something is, the
// lägesbild, hot spot descriptions, insats targets, walk stops).
import type { Kysely } from "kysely";
import { latLonToSweref } from "../../analysis/index.ts";
import type { DB, GeoJSONGeometry, PlaceKind } from "../../platform/db/schema.ts";
import { municipalityAt, municipalityDisplayName } from "./municipalities.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PlaceRow = {
  id: string;
  tenant_id: string;
  name: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
  geometry: GeoJSONGeometry | null;
  description: string;
  precision_m: number;
  source: string;
};

const COLUMNS = ["id", "tenant_id", "name", "kind", "lat", "lon", "geometry", "description", "precision_m", "source"] as const;

export async function listPlaces(db: Kysely<DB>, tenantId: string): Promise<PlaceRow[]> {
  const rows = await db.selectFrom("places").select(COLUMNS).where("tenant_id", "=", tenantId).orderBy("name").execute();
  return rows.map((r) => ({ ...r, geometry: (r.geometry as GeoJSONGeometry | null) ?? null }));
}

export async function findPlace(db: Kysely<DB>, tenantId: string, id: string): Promise<PlaceRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await db.selectFrom("places").select(COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  return r ? { ...r, geometry: (r.geometry as GeoJSONGeometry | null) ?? null } : undefined;
}

export type PlaceInput = {
  name: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
  description: string;
  precision_m?: number;
  source?: string;
  geometry?: GeoJSONGeometry | null;
};

export type AddPlaceOutcome = { kind: "ok"; place: PlaceRow } | { kind: "nameTaken" } | { kind: "outsideTenant"; municipality: string | null };

/** Add a place; it must lie inside the tenant's municipality and its name be new there. */
export async function addPlace(db: Kysely<DB>, tenant: { id: string; kommunkod: string }, input: PlaceInput): Promise<AddPlaceOutcome> {
  const where = municipalityAt(input.lat, input.lon);
  if (where?.kommunkod !== tenant.kommunkod) return { kind: "outsideTenant", municipality: where ? municipalityDisplayName(where) : null };
  const taken = await db.selectFrom("places").select("id").where("tenant_id", "=", tenant.id).where("name", "=", input.name).executeTakeFirst();
  if (taken) return { kind: "nameTaken" };
  const row = await db
    .insertInto("places")
    .values({
      tenant_id: tenant.id,
      name: input.name,
      kind: input.kind,
      lat: input.lat,
      lon: input.lon,
      description: input.description,
      precision_m: input.precision_m ?? 50,
      source: input.source ?? "",
      geometry: input.geometry ? JSON.stringify(input.geometry) : null,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { kind: "ok", place: { ...row, geometry: (row.geometry as GeoJSONGeometry | null) ?? null } };
}

export async function removePlace(db: Kysely<DB>, tenantId: string, id: string): Promise<{ kind: "ok" } | { kind: "notFound" }> {
  const r = await db.deleteFrom("places").where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) ? { kind: "ok" } : { kind: "notFound" };
}

const DIRECTIONS_SV = ["norr", "nordost", "öster", "sydost", "söder", "sydväst", "väster", "nordväst"] as const;
const DIRECTIONS_EN = ["north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west"] as const;

export type PlaceDescription = { place: PlaceRow; distance: number; direction: number } | null;

/**
 * The nearest named place within `maxDistance` metres (SWEREF 99 TM), with the distance and the
 * compass direction (0 = north … 7 = north-west) from the place to the position.
 */
export function nearestPlace(places: readonly PlaceRow[], lat: number, lon: number, maxDistance = 2000): PlaceDescription {
  const p = latLonToSweref(lat, lon);
  let best: PlaceDescription = null;
  for (const place of places) {
    const q = latLonToSweref(place.lat, place.lon);
    const dx = p.e - q.e;
    const dy = p.n - q.n;
    const d = Math.hypot(dx, dy);
    if (d > maxDistance || (best && d >= best.distance)) continue;
    const angle = (Math.atan2(dx, dy) * 180) / Math.PI; // 0° = north, clockwise
    best = { place, distance: d, direction: Math.round((((angle % 360) + 360) % 360) / 45) % 8 };
  }
  return best;
}

/** "vid Osby station", "300 m nordost om Lönsboda centrum" (Swedish or English), or null. */
export function describePosition(places: readonly PlaceRow[], lat: number, lon: number, locale: "sv" | "en"): string | null {
  const near = nearestPlace(places, lat, lon);
  if (!near) return null;
  if (near.distance < 150) return locale === "sv" ? `vid ${near.place.name}` : `at ${near.place.name}`;
  const metres =
    near.distance < 1000
      ? `${Math.round(near.distance / 50) * 50} m`
      : `${(Math.round(near.distance / 100) / 10).toLocaleString(locale === "sv" ? "sv-SE" : "en-GB")} km`;
  return locale === "sv"
    ? `${metres} ${DIRECTIONS_SV[near.direction]} om ${near.place.name}`
    : `${metres} ${DIRECTIONS_EN[near.direction]} of ${near.place.name}`;
}
