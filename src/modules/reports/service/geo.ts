// The tenant's geography for reports (boundary, areas, places), loaded once and kept for a
// minute per tenant: every report checks its point against the boundary and finds its area.
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { listAreas, listPlaces, municipalityAt, municipalityDisplayName, type PlaceRow } from "../../tenants/index.ts";
import { buildGeography, type Geography, inSwedenBox, type Placed, placePoint } from "../domain/location.ts";

export type AreaRef = { id: string; slug: string; name: string; hasGeometry: boolean };

export type TenantGeo = { geo: Geography; areas: AreaRef[]; places: PlaceRow[]; boundary: unknown; loadedAt: number };

const TTL_MS = 60_000;
const cache = new Map<string, TenantGeo>();

export async function tenantGeo(db: Kysely<DB>, tenantId: string): Promise<TenantGeo> {
  const hit = cache.get(tenantId);
  if (hit && performance.now() - hit.loadedAt < TTL_MS) return hit;
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
    loadedAt: performance.now(),
  };
  cache.set(tenantId, value);
  return value;
}

/** Forget a tenant's cached geography (after its areas or places change in this process). */
export function forgetTenantGeo(tenantId: string): void {
  cache.delete(tenantId);
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
