// Tenant resolution: once per request, from the :tenant URL segment (/t/osby/...).
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { TenantRow } from "../http/types.ts";

export async function findTenantBySlug(db: Kysely<DB>, slug: string): Promise<TenantRow | null> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return null;
  const row = await db.selectFrom("tenants").select(["id", "slug", "name", "kommunkod", "lan", "settings"]).where("slug", "=", slug).executeTakeFirst();
  return row ? { ...row, settings: (row.settings ?? {}) as Record<string, unknown> } : null;
}
