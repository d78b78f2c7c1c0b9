// SQL of the walks module. Every function takes the database, then the tenant id, and every
// query filters by tenant_id: another tenant's row simply does not exist.
import type { Kysely } from "kysely";
import type { DB } from "../../platform/db/schema.ts";
import type { ItemInput } from "./schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listItems(db: Kysely<DB>, tenantId: string, opts: { publishedOnly: boolean }) {
  let q = db
    .selectFrom("walks_items")
    .select(["id", "tenant_id", "title", "body", "status", "created_at"])
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .limit(200);
  if (opts.publishedOnly) q = q.where("status", "=", "publicerad");
  return q.execute();
}

export async function findItem(db: Kysely<DB>, tenantId: string, id: string) {
  if (!UUID.test(id)) return undefined;
  return db
    .selectFrom("walks_items")
    .select(["id", "tenant_id", "title", "body", "status", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertItem(db: Kysely<DB>, tenantId: string, input: ItemInput, createdBy: string | null) {
  return db
    .insertInto("walks_items")
    .values({ tenant_id: tenantId, title: input.title, body: input.body, status: input.status, created_by: createdBy })
    .returning(["id", "tenant_id", "title", "body", "status", "created_at"])
    .executeTakeFirstOrThrow();
}

export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;
