// SQL for the outbox viewer. The outbox is shared by all tenants (some mail, like password
// resets, belongs to no tenant), so these queries are deliberately not tenant-scoped: only
// system administrators reach them (see policy.ts), and each is built from acrossTenants(db).
import type { Kysely } from "kysely";
import { acrossTenants } from "../../platform/db/across-tenants.ts";
import type { DB } from "../../platform/db/schema.ts";

export async function listOutbox(db: Kysely<DB>, opts: { limit: number; offset: number }) {
  return acrossTenants(db)
    .selectFrom("outbox")
    .leftJoin("tenants", "tenants.id", "outbox.tenant_id")
    .select([
      "outbox.id",
      "outbox.to_address",
      "outbox.subject",
      "outbox.transport",
      "outbox.sent_at",
      "outbox.error",
      "outbox.created_at",
      "tenants.name as tenant",
    ])
    .orderBy("outbox.created_at", "desc")
    .orderBy("outbox.id", "desc")
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

export async function countOutbox(db: Kysely<DB>): Promise<number> {
  const r = await acrossTenants(db)
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findOutboxMessage(db: Kysely<DB>, id: string) {
  return acrossTenants(db)
    .selectFrom("outbox")
    .leftJoin("tenants", "tenants.id", "outbox.tenant_id")
    .select([
      "outbox.id",
      "outbox.to_address",
      "outbox.subject",
      "outbox.body_text",
      "outbox.body_html",
      "outbox.transport",
      "outbox.sent_at",
      "outbox.error",
      "outbox.created_at",
      "tenants.name as tenant",
    ])
    .where("outbox.id", "=", id)
    .executeTakeFirst();
}
