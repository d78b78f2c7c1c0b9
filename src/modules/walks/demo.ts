// The walks module's part of the Osby demo (outside production only). Idempotent.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";

export async function seedWalksDemo(db: Kysely<DB>, tenantId: string): Promise<void> {
  const existing = await db.selectFrom("walks_items").select("id").where("tenant_id", "=", tenantId).limit(1).executeTakeFirst();
  if (existing) return;
  await db
    .insertInto("walks_items")
    .values({ tenant_id: tenantId, title: "Exempel (demo)", body: "En publicerad exempelpost i Osby-demon.", status: "publicerad" })
    .execute();
}
