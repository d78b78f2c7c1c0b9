// SQL for routing rules (category × area → organisation).
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import type { RoutingRule } from "../domain/routing.ts";

export async function listRules(db: Kysely<DB>, tenantId: string): Promise<RoutingRule[]> {
  return db
    .selectFrom("report_routing_rules")
    .select(["id", "category", "area_id", "organisation_id"])
    .where("tenant_id", "=", tenantId)
    .orderBy("category")
    .orderBy("area_id")
    .execute();
}

export async function findRule(db: Kysely<DB>, tenantId: string, id: string): Promise<RoutingRule | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return db
    .selectFrom("report_routing_rules")
    .select(["id", "category", "area_id", "organisation_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Add a rule, or point the existing rule of the same category and area at the new organisation. */
export async function upsertRule(db: Kysely<DB>, tenantId: string, r: Omit<RoutingRule, "id">): Promise<RoutingRule> {
  return db
    .insertInto("report_routing_rules")
    .values({ tenant_id: tenantId, ...r })
    .onConflict((oc) => oc.columns(["tenant_id", "category", "area_id"]).doUpdateSet({ organisation_id: r.organisation_id, updated_at: new Date() }))
    .returning(["id", "category", "area_id", "organisation_id"])
    .executeTakeFirstOrThrow();
}

export async function deleteRule(db: Kysely<DB>, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom("report_routing_rules").where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
