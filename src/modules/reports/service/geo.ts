// The tenant's geography for reports (boundary, areas, places), loaded once and kept per tenant
// until the tenant's public version changes (decision 0015): boundary, areas and places all bump
// it in the same transaction as their change (migrations/0007_public_versions.sql and this
// module's 0301), so a renamed place or a redrawn area is used by the very next request — also
// by answers the public-answer cache then stores. The version is read before the geography, so
// what is kept is at least as new as its version says.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listAreas, listPlaces, municipalityAt, municipalityDisplayName, type PlaceRow } from "../../tenants/index.ts";
import { buildGeography, type Geography, inSwedenBox, type Placed, placePoint } from "../domain/location.ts";

export type AreaRef = { id: string; slug: string; name: string; hasGeometry: boolean };

export type TenantGeo = { geo: Geography; areas: AreaRef[]; places: PlaceRow[]; boundary: unknown; version: string };

const cache = new Map<string, TenantGeo>();

async function publicVersion(db: Kysely<DB>, tenantId: string): Promise<string> {
  const r = await sql<{ version: string | number }>`select version from public_versions where tenant_id = ${tenantId}`.execute(db);
  return String(r.rows[0]?.version ?? 0);
}

export async function tenantGeo(db: Kysely<DB>, tenantId: string): Promise<TenantGeo> {
  const version = await publicVersion(db, tenantId);
  const hit = cache.get(tenantId);
  if (hit && hit.version === version) return hit;
  const [tenant, areas, places] = await Promise.all([
    db.selectFrom("tenants").select("boundary").where("id", "=", tenantId).executeTakeFirst(),
    listAreas(db, tenantId),
    listPlaces(db, tenantId),
  ]);
  const boundary = tenant?.boundary ?? null;
  const value: TenantGeo = {
    geo: buildGeography(boundary, areas),
    areas: areas.map((a) => ({ id: a.id, slug: a.slug, name: a.name, hasGeometry: !!a.geometry })),
    places,
    boundary,
    version,
  };
  cache.set(tenantId, value);
  return value;
}

export type PointCheck =
  | { kind: "inside"; point: Placed }
  | { kind: "outsideSweden" }
  | { kind: "otherMunicipality"; municipality: string; kommunkod: string }
  | { kind: "outsideTenant" };

/** Where a point lies: inside the tenant, in another Swedish municipality (named), or outside Sweden. */
export function checkPoint(g: TenantGeo, kommunkod: string, lat: number, lon: number): PointCheck {
  if (!inSwedenBox(lat, lon)) return { kind: "outsideSweden" };
  const placed = placePoint(g.geo, lat, lon);
  if (placed.kind === "inside") return placed;
  const m = municipalityAt(lat, lon);
  if (!m) return { kind: "outsideSweden" };
  if (m.kommunkod === kommunkod) return { kind: "outsideTenant" };
  return { kind: "otherMunicipality", municipality: municipalityDisplayName(m), kommunkod: m.kommunkod };
}
