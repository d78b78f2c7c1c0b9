// What the sweeps need from the foundation: rows in every foundation table a tenant owns (so the
// isolation sweep's before/after comparison has something to guard), and the foundation's pages
// for the accessibility sweep.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import { ROLES } from "../../platform/db/schema.ts";
import { makeOrganisation, makeUser, nasty } from "../../platform/testing/factories.ts";
import type { ModuleTesting } from "../../platform/module.ts";

export async function isolationFixtures(db: Kysely<DB>, tenantId: string): Promise<Record<string, string>> {
  const area = await db
    .insertInto("areas")
    .values({ tenant_id: tenantId, slug: "centrum", name: nasty("Område"), kind: "survey", geometry: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const org = await makeOrganisation(db, tenantId);
  const user = await makeUser(db, tenantId, "rapportor", { organisationId: org.id });
  const file = await db
    .insertInto("files")
    .values({
      tenant_id: tenantId,
      storage_key: `${tenantId}/x.txt`,
      filename: "x.txt",
      content_type: "text/plain",
      size_bytes: 1,
      sha256: "0".repeat(64),
      created_by: user.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("outbox")
    .values({ tenant_id: tenantId, to_address: "a@test.example", subject: nasty("Ämne"), body_text: "x" })
    .execute();
  await db.insertInto("audit_log").values({ tenant_id: tenantId, actor_id: user.id, action: "test", entity: "area", entity_id: area.id, data: "{}" }).execute();
  const place = await db
    .insertInto("places")
    .values({ tenant_id: tenantId, name: nasty("Plats"), kind: "park", lat: 56.38, lon: 13.99 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { areaId: area.id, organisationId: org.id, userId: user.id, fileId: file.id, placeId: place.id };
}

export const requestOverrides: NonNullable<ModuleTesting["requestOverrides"]> = {
  "POST /t/:tenant/arbete/platser/:placeId/ta-bort": () => ({ body: { confirm: "on" } }),
};

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "kommunlistan", path: "/", viewers: ["public"] },
  { name: "Osbys startsida", path: "/t/osby", viewers: ["public", ...ROLES], waitFor: "#tenant-map.leaflet-container" },
  { name: "Osbys startsida på engelska", path: "/t/osby?lang=en", viewers: ["public"], waitFor: "#tenant-map.leaflet-container" },
  { name: "tillgänglighetsredogörelsen", path: "/tillganglighet", viewers: ["public"] },
  { name: "Osbys tillgänglighetsredogörelse", path: "/t/osby/tillganglighet", viewers: ["public"] },
  { name: "Osbys tillgänglighetsredogörelse på engelska", path: "/t/osby/tillganglighet?lang=en", viewers: ["public"] },
  { name: "en sida som inte finns", path: "/t/osby/finns-inte", viewers: ["public"], status: 404 },
  { name: "en kommun som inte finns", path: "/t/finns-inte", viewers: ["public"], status: 404 },
  { name: "personalens startsida", path: "/t/osby/arbete", viewers: [...ROLES] },
  { name: "API-dokumentationen", path: "/api/docs", viewers: ["public"] },
  { name: "namngivna platser", path: "/t/osby/arbete/platser", viewers: ["samordnare", "rapportor"], waitFor: "#places-map.leaflet-container" },
];
