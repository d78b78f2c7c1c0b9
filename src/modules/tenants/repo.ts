// SQL for tenants, areas and organisations. Every tenant-owned query takes tenantId first.
import type { Kysely } from "kysely";
import type { DB, GeoJSONGeometry, OrganisationKind } from "../../platform/db/schema.ts";

export async function listTenants(db: Kysely<DB>) {
  return db.selectFrom("tenants").select(["id", "slug", "name", "kommunkod", "lan"]).orderBy("name").execute();
}

/** Every tenant's name and settings (for the contact addresses in the accessibility statement). */
export async function listTenantContacts(db: Kysely<DB>) {
  return db.selectFrom("tenants").select(["slug", "name", "settings"]).orderBy("name").execute();
}

export async function getTenantBoundary(db: Kysely<DB>, tenantId: string): Promise<GeoJSONGeometry | null> {
  const r = await db.selectFrom("tenants").select("boundary").where("id", "=", tenantId).executeTakeFirst();
  return (r?.boundary as GeoJSONGeometry | null) ?? null;
}

export async function insertTenant(
  db: Kysely<DB>,
  t: { slug: string; name: string; kommunkod: string; lan: string; boundary: GeoJSONGeometry | null; settings?: Record<string, unknown> },
) {
  return db
    .insertInto("tenants")
    .values({
      slug: t.slug,
      name: t.name,
      kommunkod: t.kommunkod,
      lan: t.lan,
      boundary: t.boundary ? JSON.stringify(t.boundary) : null,
      settings: JSON.stringify(t.settings ?? {}),
    })
    .returning(["id", "slug", "name", "kommunkod", "lan"])
    .executeTakeFirstOrThrow();
}

export async function findTenantByKommunkod(db: Kysely<DB>, kommunkod: string) {
  return db.selectFrom("tenants").select(["id", "slug", "name"]).where("kommunkod", "=", kommunkod).executeTakeFirst();
}

export async function listAreas(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("areas")
    .select(["id", "slug", "name", "kind", "geometry"])
    .where("tenant_id", "=", tenantId)
    .orderBy("sort_order")
    .orderBy("name")
    .execute();
}

export async function insertArea(
  db: Kysely<DB>,
  tenantId: string,
  a: { slug: string; name: string; kind: "survey" | "locality" | "district" | "other"; geometry: GeoJSONGeometry | null; sortOrder: number },
) {
  return db
    .insertInto("areas")
    .values({
      tenant_id: tenantId,
      slug: a.slug,
      name: a.name,
      kind: a.kind,
      geometry: a.geometry ? JSON.stringify(a.geometry) : null,
      sort_order: a.sortOrder,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/**
 * Organisations usable in a tenant: its own and the regional ones that serve it. Both are rows of
 * organisation_tenants (a tenant-owned organisation is linked to its tenant by a trigger,
 * migrations/0002_tenant_keys.sql), the same set the database holds memberships and responsible
 * organisations to.
 */
export async function listOrganisations(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("organisation_tenants")
    .innerJoin("organisations", "organisations.id", "organisation_tenants.organisation_id")
    .select(["organisations.id", "organisations.name", "organisations.kind", "organisations.tenant_id", "organisations.parent_id"])
    .where("organisation_tenants.tenant_id", "=", tenantId)
    .orderBy("organisations.name")
    .execute();
}

export async function insertOrganisation(db: Kysely<DB>, tenantId: string | null, o: { name: string; kind: OrganisationKind; parentId?: string | null }) {
  return db
    .insertInto("organisations")
    .values({ tenant_id: tenantId, name: o.name, kind: o.kind, parent_id: o.parentId ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function findRegionalOrganisation(db: Kysely<DB>, name: string) {
  return db.selectFrom("organisations").select("id").where("tenant_id", "is", null).where("name", "=", name).executeTakeFirst();
}

/** Let a regional organisation serve a tenant (a tenant's own organisations are linked by the database). */
export async function linkOrganisationToTenant(db: Kysely<DB>, tenantId: string, organisationId: string) {
  await db
    .insertInto("organisation_tenants")
    .values({ tenant_id: tenantId, organisation_id: organisationId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
