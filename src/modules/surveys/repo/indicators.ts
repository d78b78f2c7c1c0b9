// SQL of survey items named as indicators of promises (one indicator per promise lineage).
import type { Kysely } from "kysely";
import type { DB } from "../../../platform/db/schema.ts";
import { isUuid } from "./definitions.ts";

export type IndicatorRow = { id: string; tenant_id: string; promise_lineage_id: string; item_key: string; area_id: string | null };

export async function setIndicator(
  db: Kysely<DB>,
  tenantId: string,
  i: { lineageId: string; itemKey: string; areaId: string | null; createdBy: string | null },
): Promise<IndicatorRow> {
  return db
    .insertInto("survey_indicators")
    .values({ tenant_id: tenantId, promise_lineage_id: i.lineageId, item_key: i.itemKey, area_id: i.areaId, created_by: i.createdBy })
    .onConflict((oc) => oc.columns(["tenant_id", "promise_lineage_id"]).doUpdateSet({ item_key: i.itemKey, area_id: i.areaId, updated_at: new Date() }))
    .returning(["id", "tenant_id", "promise_lineage_id", "item_key", "area_id"])
    .executeTakeFirstOrThrow();
}

export async function listIndicators(db: Kysely<DB>, tenantId: string, lineageIds?: readonly string[]): Promise<IndicatorRow[]> {
  let q = db.selectFrom("survey_indicators").select(["id", "tenant_id", "promise_lineage_id", "item_key", "area_id"]).where("tenant_id", "=", tenantId);
  if (lineageIds) {
    if (!lineageIds.length) return [];
    q = q.where("promise_lineage_id", "in", [...lineageIds]);
  }
  return q.orderBy("created_at").execute();
}

export async function findIndicator(db: Kysely<DB>, tenantId: string, id: string): Promise<IndicatorRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("survey_indicators")
    .select(["id", "tenant_id", "promise_lineage_id", "item_key", "area_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function deleteIndicator(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom("survey_indicators").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}
