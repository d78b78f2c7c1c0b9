// Use cases of the walks module. Expected business results are named outcomes, not
// exceptions.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import { insertItem, type ItemRow } from "./repo.ts";
import type { ItemInput } from "./schema.ts";

export type CreateItemOutcome = { kind: "ok"; item: ItemRow } | { kind: "duplicateTitle"; title: string };

export async function createItem(db: Kysely<DB>, tenantId: string, userId: string, input: ItemInput): Promise<CreateItemOutcome> {
  const same = await db.selectFrom("walks_items").select("id").where("tenant_id", "=", tenantId).where("title", "=", input.title).executeTakeFirst();
  if (same) return { kind: "duplicateTitle", title: input.title };
  return { kind: "ok", item: await insertItem(db, tenantId, input, userId) };
}
