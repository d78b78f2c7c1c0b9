// The admin module's pages for the accessibility sweep (the outbox is for system
// administrators: the Osby demo admin is one).
import type { ModuleTesting } from "../../platform/module.ts";

export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [{ name: "utkorgen", path: "/admin/outbox", viewers: ["admin"] }];

export const sweepExemptions: NonNullable<ModuleTesting["sweepExemptions"]> = {
  "GET /admin/outbox/:id": "meddelandenas id skapas när e-post skickas; sidan besöks med axe i test/e2e/accounts.e2e.test.ts (inbjudan i utkorgen)",
};

/** An outbox message (the outbox belongs to no tenant's routes): its id for /admin/outbox/:id in the role × route matrix. */
export const isolationFixtures: NonNullable<ModuleTesting["isolationFixtures"]> = async (db, tenantId) => {
  const m = await db
    .insertInto("outbox")
    .values({ tenant_id: tenantId, to_address: "mottagare@test.example", subject: "Ämne", body_text: "x" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { "id@/admin/outbox": m.id };
};
